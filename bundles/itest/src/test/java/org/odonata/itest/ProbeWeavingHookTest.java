package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Probes on classes defined after {@code probe:add}, in the distribution as {@code ./odonata} starts it
 * ({@code -javaagent} on its jar): a bundle installed later and a class of an installed bundle loaded later (named by
 * a glob, or by name before it ever loaded) are woven as they load, through the probe bundle's OSGi WeavingHook; they
 * count, {@code probe:rm} takes them out, and the kernel's digest is the one of the same session without probes.
 */
class ProbeWeavingHookTest {

    private static final Pattern DIGEST = Pattern.compile("(?m)^digest: (\\w+)$");

    /** The FIFO scheduler bundle's jar as its module built it: installed again, it is a bundle installed later. */
    private static Path fifoJar() throws IOException {
        try (Stream<Path> jars = Files.list(Distribution.root().resolve("bundles/sched-fifo/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("sched-fifo-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("bundles/sched-fifo must be built before this test"));
        }
    }

    /**
     * A session that swaps to bsd4 (its classes load now) and then to a freshly installed fifo; {@code add},
     * {@code show} and {@code rm} are the probe commands at those points (or commands that change nothing). Its
     * pipes sleep at once (no {@code kern.pipe.delay} poll), so every pingpong message goes through the scheduler.
     */
    private static Distribution.Outcome session(String add, String show, String rm) throws Exception {
        String commands = String.join("; ", List.of("kern:boot --preset smp-4 --vm none",
                "kern:sysctl kern.pipe.delay 0", "kern:run --for 2ms pingpong", add, "sched:use bsd4", "kern:run --for 3ms pingpong",
                "uninstall org.odonata.sched.fifo", "b = install " + fifoJar().toUri(), "start $b", "sched:use fifo",
                "kern:run --for 3ms pingpong", show, rm, "kern:run --for 2ms pingpong", "kern:stats"));
        Distribution.Outcome o = Distribution.batch(commands, "-javaagent:" + Distribution.jar());
        assertEquals(0, o.status(), o.out() + o.err());
        return o;
    }

    private static long count(String show, String site) {
        Matcher m = Pattern.compile("@\\[" + Pattern.quote(site) + "\\]: (\\d+)").matcher(show);
        assertTrue(m.find(), site + " not counted: " + show);
        return Long.parseLong(m.group(1));
    }

    @Test
    void classesDefinedAfterProbeAddAreWovenAsTheyLoadAndTheRunIsTheSame() throws Exception {
        Distribution.Outcome plain = session("kern:ps", "kern:ps", "kern:ps");
        Distribution.Outcome probed = session("probe:add 'org.odonata.sched.**#pickNext' --name picks; "
                + "probe:add 'org.odonata.sched.**#enqueue' --name enq; "
                + "probe:add org.odonata.sched.lwkt.bsd4.Bsd4Scheduler#selectCpu --args --name select",
                "probe:show", "probe:rm");
        String out = probed.out();
        // only dfly's classes were loaded when the probes were added; bsd4's and fifo's are named all the same
        assertTrue(out.contains("probe picks: org.odonata.sched.**#pickNext woven into 1 method of 1 class; "), out);
        assertTrue(out.contains("probe enq: org.odonata.sched.**#enqueue woven into 1 method of 1 class; "), out);
        assertTrue(out.contains("probe select: org.odonata.sched.lwkt.bsd4.Bsd4Scheduler#selectCpu woven into 0 "
                + "methods of 0 classes; 1 method of 1 class not loaded yet, woven as it loads"), out);
        assertTrue(count(out, "Bsd4Scheduler#pickNext") > 100, out);
        assertTrue(count(out, "Bsd4Scheduler#selectCpu") > 0, out);
        assertTrue(count(out, "FifoScheduler#enqueue") > 0, out);
        assertTrue(out.contains("probe picks: org.odonata.sched.**#pickNext, 2 methods woven"), out);
        assertTrue(out.contains("removed picks, enq, select; no method is woven now"), out);
        Matcher a = DIGEST.matcher(plain.out());
        Matcher b = DIGEST.matcher(out);
        assertTrue(a.find() && b.find(), plain.out() + out);
        assertEquals(a.group(1), b.group(1), "probes woven at class load change nothing");
    }
}
