package org.odonata.verifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.odonata.api.bundle.Verdict;
import org.odonata.api.bundle.Violation;

/**
 * Verifies a bundle's classes without loading any: every {@code .class} entry of the jar, and of the jars its
 * {@code Bundle-ClassPath} embeds, is scanned ({@link ClassScanner}); the verdict names the bundle from its
 * manifest and carries the SHA-256 of the bytes it was given. Works outside OSGi too (a build, a test).
 */
final class JarVerifier {

    private static final Comparator<Violation> ORDER = Comparator.comparing(Violation::className)
            .thenComparing(Violation::method).thenComparingInt(Violation::offset);

    private JarVerifier() {
    }

    static Verdict verify(byte[] jar, String location) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Manifest manifest = read(jar, entries, location);
        return verdict(manifest, sha256(jar), entries, location);
    }

    /** A jar file, or a directory laid out like one (a build's {@code target/classes}). */
    static Verdict verify(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return verify(Files.readAllBytes(path), path.toString());
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        MessageDigest sha = digest();
        try (Stream<Path> files = Files.walk(path)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(f);
                String name = path.relativize(f).toString().replace('\\', '/');
                sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
                entries.put(name, bytes);
            }
        }
        byte[] mf = entries.get("META-INF/MANIFEST.MF");
        Manifest manifest = mf == null ? null : new Manifest(new ByteArrayInputStream(mf));
        return verdict(manifest, HexFormat.of().formatHex(sha.digest()), entries, path.toString());
    }

    private static Verdict verdict(Manifest manifest, String sha256, Map<String, byte[]> entries, String location) {
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String bsn = main.getValue("Bundle-SymbolicName");
        String name = bsn == null ? Path.of(location).getFileName().toString() : bsn.split(";")[0].trim();
        String version = main.getValue("Bundle-Version") == null ? "0.0.0" : main.getValue("Bundle-Version");
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().endsWith(".class") && !e.getKey().endsWith("module-info.class")) {
                try {
                    violations.addAll(ClassScanner.scan(e.getValue()));
                } catch (RuntimeException malformed) {
                    throw new IllegalArgumentException(location + ": " + e.getKey() + " is not a valid class file: "
                            + malformed.getMessage(), malformed);
                }
            }
        }
        violations.sort(ORDER);
        return new Verdict(name, version, sha256, violations, false);
    }

    /** Reads every entry into {@code entries}, nested Bundle-ClassPath jars included; returns the manifest. */
    private static Manifest read(byte[] jar, Map<String, byte[]> entries, String location) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            List<String> nested = new ArrayList<>();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-ClassPath");
            if (cp != null) {
                for (String e : cp.split(",")) {
                    String p = e.split(";")[0].trim();
                    if (!p.equals(".") && p.endsWith(".jar")) {
                        nested.add(p.startsWith("/") ? p.substring(1) : p);
                    }
                }
            }
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                byte[] bytes = in.readAllBytes();
                if (nested.contains(e.getName())) {
                    read(bytes, entries, location + "!/" + e.getName());
                } else if (!e.isDirectory()) {
                    entries.put(e.getName(), bytes);
                }
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(location + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
