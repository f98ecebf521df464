package org.odonata.itest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** Bundle jars made from the integration tests' own classes, as an outside build would make a subsystem bundle. */
final class TestBundles {

    private TestBundles() {
    }

    /**
     * Writes {@code jar}: a bundle named {@code symbolicName} 0.1.0 with the manifest {@code headers} (Import-Package,
     * Bundle-Activator, …) holding the class files of {@code classes}; returns {@code jar}.
     */
    static Path jar(Path jar, String symbolicName, Map<String, String> headers, Class<?>... classes)
            throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "0.1.0");
        headers.forEach(a::putValue);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, mf)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** The SHA-256 of a file in lower-case hex, as R5 indexes and config.json give it. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Uninstalls a bundle a test installed. */
    static void uninstall(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException e) {
            throw new IllegalStateException("cannot uninstall " + b.getSymbolicName() + ": " + e.getMessage(), e);
        }
    }
}
