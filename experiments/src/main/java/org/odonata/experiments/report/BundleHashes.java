package org.odonata.experiments.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The SHA-256 of each installed bundle's jar, by symbolic name, read from the bundle's location (a URL or a
 * path); {@code n/a} when the location names no readable file (a bundle installed from a stream). Empty outside
 * a framework.
 */
final class BundleHashes {

    private BundleHashes() {
    }

    static Map<String, String> current() {
        Map<String, String> out = new TreeMap<>();
        Bundle self = FrameworkUtil.getBundle(BundleHashes.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        if (context == null) {
            return out;
        }
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getBundleId() != 0) {
                out.put(b.getSymbolicName(), sha256(b.getLocation()));
            }
        }
        return out;
    }

    private static String sha256(String location) {
        try (InputStream in = open(location)) {
            if (in == null) {
                return "n/a";
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream d = new DigestInputStream(in, md)) {
                d.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | IllegalArgumentException e) {
            return "n/a";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static InputStream open(String location) throws IOException {
        Path p = Path.of(location.startsWith("reference:") ? location.substring("reference:".length()) : location);
        if (!location.contains(":") && Files.isRegularFile(p)) {
            return Files.newInputStream(p);
        }
        URI uri = URI.create(location.startsWith("reference:") ? location.substring("reference:".length())
                : location);
        return uri.getScheme() == null ? null : uri.toURL().openStream();
    }
}
