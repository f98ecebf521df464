package org.odonata.experiments.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 over every trial's virtual-time results in canonical order: identity, seed, failure reason,
 * each metric's exact bits and the kernel's own digest. Host timings are left out, so the digest is the
 * same whatever the host's thread count or the order trials finished in.
 */
final class Digest {

    private Digest() {
    }

    static String of(List<TrialResult> results) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        for (TrialResult r : results) {
            Trial t = r.trial();
            StringBuilder b = new StringBuilder();
            b.append(t.point().pointLabel()).append('|').append(t.variant().name()).append('|')
                    .append(t.workload().label()).append('|').append(t.index()).append('|').append(t.seed())
                    .append('|').append(r.ok() ? "ok" : "failed: " + r.failure());
            for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
                b.append('|').append(m.getKey()).append('=')
                        .append(Long.toHexString(Double.doubleToLongBits(m.getValue())));
            }
            b.append('|').append(r.kernelDigest()).append('\n');
            md.update(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
