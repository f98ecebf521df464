package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle the distribution does not list, installed at run time the way a researcher does it: it must start
 * with Gogo's plain {@code start} and stay active across {@code update} (bnd's launcher used to give such bundles
 * a start level above the framework's, so {@code start} silently did nothing).
 */
class ThirdPartyBundleTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\s*(\\d+)\\|(\\w+)\\s*\\|\\s*(\\d+)\\|org\\.example\\.probe");

    @Test
    void aBundleInstalledAtRunTimeIsReturnedStartsAndStaysActiveAcrossUpdate(@TempDir Path dir) throws Exception {
        Path jar = probeBundle(dir);
        Distribution.Outcome o = Distribution.batch("b = install " + jar + "; start $b; lb -s org.example.probe;"
                + " update $b; lb -s org.example.probe");
        assertEquals(0, o.status(), o.err());
        Matcher rows = ROW.matcher(o.out());
        for (String when : new String[] {"after start", "after update"}) {
            assertTrue(rows.find(), when + ": " + o.out());
            assertEquals("Active", rows.group(2), when + ": " + o.out());
            assertEquals("1", rows.group(3), "start level " + when + ": " + o.out());
        }
    }

    @Test
    void startAndStopAreGogosInBatchModeAndTheKernelFreeRunIsKernGo() throws Exception {
        // Gogo's stop takes a symbolic name; its start takes ids or URLs only (a name would be installed as a URL)
        Distribution.Outcome ids = Distribution.batch("lb -s org.odonata.sched.fifo");
        Matcher fifo = Pattern.compile("(?m)^\\s*(\\d+)\\|\\w+\\s*\\|.*org\\.odonata\\.sched\\.fifo").matcher(ids.out());
        assertTrue(fifo.find(), ids.out());
        Distribution.Outcome o = Distribution.batch("stop org.odonata.sched.fifo; lb -s sched.fifo;"
                + " start " + fifo.group(1) + "; lb -s sched.fifo; kern:boot --preset smp-4; kern:go; kern:pause");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("Resolved"), "stop stopped the bundle: " + o.out());
        assertTrue(o.out().contains("Active"), "start started it again: " + o.out());
        assertTrue(o.out().contains("kern0 running"), o.out());
        assertTrue(o.out().contains("kern0 paused at t="), o.out());
    }

    @Test
    void theRunnableJarHoldsNoPathOfTheMachineThatBuiltIt() throws IOException {
        try (JarFile jar = new JarFile(Distribution.jar().toFile())) {
            String properties = new String(jar.getInputStream(jar.getEntry("launcher.properties")).readAllBytes(),
                    StandardCharsets.ISO_8859_1);
            assertFalse(properties.contains("gosh.home"), properties);
            assertFalse(properties.contains(Distribution.root().toString()), "a build-machine path: " + properties);
            assertFalse(properties.contains("launch.startlevel"), "no start levels: " + properties);
            assertFalse(properties.contains("startlevel.beginning"), "no start levels: " + properties);
            String bundles = properties.lines().filter(l -> l.startsWith("launch.bundles=")).findFirst().orElseThrow();
            assertTrue(bundles.endsWith("org.apache.felix.gogo.shell-1.1.4.jar"),
                    "Gogo's shell starts last, so the interactive prompt comes after the commands: " + bundles);
        }
    }

    /** A bundle with no code: enough for the framework's life cycle. */
    private static Path probeBundle(Path dir) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.example.probe");
        a.putValue("Bundle-Version", "0.1.0");
        Path jar = dir.resolve("probe.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }
}
