package org.odonata.experiments.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies what a submission's jobs run onto the shared filesystem, so nodes need only a JDK 25: the distribution
 * ({@code odonata} and {@code bundles/dist/target/odonata.jar}, the layout the launcher expects, so the staged
 * launcher finds its JDK exactly as {@code ./odonata} does and never rebuilds) in
 * {@code RESULTS/.slurm/dist-HASH}, shared by submissions of the same distribution; and the spec with the files it
 * names (bundle jars, topology, workload files) in the submission's folder, laid out as they are relative to each
 * other, so the spec's text and its relative paths stay as they were.
 */
public final class Staging {

    static final String LAUNCHER = "odonata";
    static final String JAR = "bundles/dist/target/odonata.jar";

    /** The staged distribution: the launcher and the SHA-256 of it and of the jar. */
    public record Distribution(Path launcher, String launcherSha256, String jarSha256) {
    }

    /** The staged spec and every staged file's SHA-256, by its path relative to the staging folder. */
    public record StagedSpec(Path spec, Map<String, String> sha256) {
    }

    private Staging() {
    }

    /**
     * Stages the distribution {@code home} (a folder with {@code odonata} and {@code bundles/dist/target/odonata.jar})
     * under {@code resultsRoot/.slurm}, once per content.
     */
    public static Distribution distribution(Path home, Path resultsRoot) throws IOException {
        Path script = home.resolve(LAUNCHER);
        Path jar = home.resolve(JAR);
        for (Path p : List.of(script, jar)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("exp:submit: the distribution lacks " + p + " (build it: ./mvnw "
                        + "package -pl bundles/dist -am)");
            }
        }
        String scriptSha = sha256(script);
        String jarSha = sha256(jar);
        String id = sha256(scriptSha + jarSha).substring(0, 12);
        Path target = resultsRoot.toAbsolutePath().normalize().resolve(".slurm").resolve("dist-" + id);
        if (!Files.isDirectory(target)) {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), ".dist-");
            Files.createDirectories(tmp.resolve(JAR).getParent());
            Files.copy(jar, tmp.resolve(JAR));
            Files.copy(script, tmp.resolve(LAUNCHER));
            Files.writeString(tmp.resolve("SHA256SUMS"), jarSha + "  " + JAR + "\n" + scriptSha + "  "
                    + LAUNCHER + "\n");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                delete(tmp); // another submission staged the same distribution meanwhile
            }
        }
        Path staged = target.resolve(LAUNCHER);
        if (!sha256(staged).equals(scriptSha) || !sha256(target.resolve(JAR)).equals(jarSha)) {
            throw new IllegalStateException("the staged distribution " + target + " differs from its hash (was it "
                    + "changed?); remove the folder and submit again");
        }
        return new Distribution(staged, scriptSha, jarSha);
    }

    /**
     * Stages {@code spec} and the {@code files} it names under {@code into}, keeping their layout relative to their
     * deepest common folder.
     */
    public static StagedSpec spec(Path spec, List<Path> files, Path into) throws IOException {
        Path specAbs = spec.toAbsolutePath().normalize();
        Path root = specAbs.getParent();
        for (Path f : files) {
            root = common(root, f.toAbsolutePath().normalize());
        }
        Map<String, String> sums = new LinkedHashMap<>();
        Path staged = null;
        for (Path f : Stream.concat(Stream.of(specAbs), files.stream().map(p -> p.toAbsolutePath().normalize()))
                .distinct().toList()) {
            Path rel = root.relativize(f);
            Path to = into.resolve(rel);
            Files.createDirectories(to.getParent());
            Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            sums.put(into.getFileName() + "/" + rel, sha256(to));
            if (f.equals(specAbs)) {
                staged = to;
            }
        }
        return new StagedSpec(staged, sums);
    }

    private static Path common(Path a, Path b) {
        Path p = a;
        while (p != null && !b.startsWith(p)) {
            p = p.getParent();
        }
        return p == null ? a.getRoot() : p;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
