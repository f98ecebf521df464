package org.odonata.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.odonata.api.bundle.Rule;
import org.odonata.api.bundle.Verdict;
import org.odonata.api.bundle.Violation;
import org.odonata.verifier.samples.Clean;
import org.odonata.verifier.samples.MethodReference;
import org.odonata.verifier.samples.ReadsFiles;
import org.odonata.verifier.samples.ReadsTheHostClock;
import org.odonata.verifier.samples.Reflects;
import org.odonata.verifier.samples.Sleeps;
import org.odonata.verifier.samples.StartsThreads;
import org.odonata.verifier.samples.Synchronizes;
import org.odonata.verifier.samples.UsesUnseededRandom;
import org.odonata.verifier.samples.Waits;

/** Bundles with each kind of violation are refused with the class, method, offset and rule named. */
class JarVerifierTest {

    /** A bundle jar holding {@code classes}, as a subsystem bundle would be built. */
    static byte[] bundle(String name, Class<?>... classes) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", name);
        a.putValue("Bundle-Version", "0.1.0");
        a.putValue("Import-Package", "org.odonata.api.sched;version=\"[1.2,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, mf)) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<Violation> violations(Class<?> c) throws IOException {
        Verdict v = JarVerifier.verify(bundle("test." + c.getSimpleName(), c), c.getSimpleName() + ".jar");
        assertEquals("test." + c.getSimpleName(), v.symbolicName());
        assertEquals("0.1.0", v.version());
        return v.violations();
    }

    private static void assertOnly(Class<?> c, String method, int offset, Rule rule, String detail)
            throws IOException {
        assertEquals(List.of(new Violation(c.getName(), method, offset, rule, detail)), violations(c));
    }

    @Test
    void theHostClockIsRefusedWhereItIsRead() throws IOException {
        assertOnly(ReadsTheHostClock.class, "now()J", 0, Rule.HOST_CLOCK, "java.lang.System.nanoTime()J");
    }

    @Test
    void aMethodReferenceToTheHostClockIsRefusedToo() throws IOException {
        assertOnly(MethodReference.class, "clock()Ljava/util/function/LongSupplier;", 0, Rule.HOST_CLOCK,
                "method reference java.lang.System.nanoTime()J");
    }

    @Test
    void unseededRandomnessIsRefused() throws IOException {
        assertEquals(List.of(
                new Violation(UsesUnseededRandom.class.getName(), "coin()D", 0, Rule.UNSEEDED_RANDOM,
                        "java.lang.Math.random()D"),
                new Violation(UsesUnseededRandom.class.getName(), "roll()I", 4, Rule.UNSEEDED_RANDOM,
                        "new java.util.Random()V")), violations(UsesUnseededRandom.class));
    }

    @Test
    void sleepingThreadsSynchronizationWaitingFilesAndReflectionAreRefused() throws IOException {
        assertOnly(Sleeps.class, "nap()V", 1, Rule.SLEEP, "java.lang.Thread.sleep(J)V");
        assertOnly(Waits.class, "await(Ljava/lang/Object;)V", 1, Rule.OBJECT_WAIT, "java.lang.Object.wait()V");
        assertOnly(ReadsFiles.class, "load(Ljava/nio/file/Path;)[B", 1, Rule.BLOCKING_IO,
                "java.nio.file.Files.readAllBytes(Ljava/nio/file/Path;)[B");
        assertEquals(List.of(Rule.THREAD_CREATION, Rule.THREAD_CREATION),
                violations(StartsThreads.class).stream().map(Violation::rule).toList());
        List<Violation> sync = violations(Synchronizes.class);
        assertEquals(List.of("dec()V@-1 synchronized method", "inc()V@" + sync.get(1).offset() + " synchronized block"),
                sync.stream().map(v -> v.method() + "@" + v.offset() + " " + v.detail()).toList());
        assertTrue(sync.get(1).offset() > 0);
        assertEquals(List.of(Rule.REFLECTION, Rule.REFLECTION, Rule.REFLECTION),
                violations(Reflects.class).stream().map(Violation::rule).toList());
    }

    @Test
    void theVerdictSummarisesAndIsPrintedAsTheShellShowsIt() throws IOException {
        Verdict v = JarVerifier.verify(bundle("edu.example.buggy", ReadsTheHostClock.class, Synchronizes.class,
                Clean.class), "buggy.jar");
        assertEquals("refused: 3 violations (host-clock, synchronized)", v.summary());
        assertEquals("org.odonata.verifier.samples.ReadsTheHostClock.now()J@0: host-clock — "
                + "java.lang.System.nanoTime()J", v.violations().get(0).toString());
        assertEquals("unsafe: 3 violations (host-clock, synchronized)", v.allowedUnsafe().summary());
        assertTrue(v.allowedUnsafe().admitted());
        assertEquals(64, v.sha256().length());
    }

    @Test
    void cleanCodePasses() throws IOException {
        Verdict v = JarVerifier.verify(bundle("edu.example.clean", Clean.class), "clean.jar");
        assertTrue(v.passed(), v.violations().toString());
        assertEquals("passed", v.summary());
    }

    /** Every implementation bundle in the repository: schedulers, token implementations, pageout policies. */
    @Test
    void everyImplementationInTheRepositoryPasses() throws Exception {
        List<Class<?>> factories = List.of(org.odonata.sched.lwkt.dfly.DflyFactory.class,
                org.odonata.sched.fifo.FifoFactory.class, org.odonata.sched.rr.RrFactory.class,
                org.odonata.sched.eevdf.EevdfFactory.class, org.odonata.sync.tokens.LwktTokenFactory.class,
                org.odonata.sync.ticket.TicketTokenFactory.class, org.odonata.sync.mcs.McsTokenFactory.class,
                org.odonata.sync.ttas.TtasTokenFactory.class, org.odonata.sync.cna.CnaTokenFactory.class,
                org.odonata.sync.giant.GiantTokenFactory.class, org.odonata.pageout.dfly.DflyFactory.class,
                org.odonata.pageout.classic.Factories.class);
        for (Class<?> f : factories) {
            Path where = Path.of(f.getProtectionDomain().getCodeSource().getLocation().toURI());
            Verdict v = JarVerifier.verify(where);
            assertTrue(v.passed(), f.getName() + " (" + where + "): " + v.violations());
        }
    }
}
