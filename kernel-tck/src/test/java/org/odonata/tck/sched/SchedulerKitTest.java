package org.odonata.tck.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.odonata.api.sched.UserScheduler;
import org.odonata.tck.PropertyResult;
import org.odonata.tck.TckReport;
import org.odonata.tck.Verdict;

class SchedulerKitTest {

    @Test
    void theKitsReferenceSchedulerPassesEveryProperty() {
        TckReport report = SchedulerKit.run(new ReferenceScheduler());
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("kernel"), report.results().stream().filter(r -> r.verdict() != Verdict.PASS)
                .map(PropertyResult::property).toList(), "everything but the kernel checked (no kernel here)");
        assertEquals(Verdict.SKIPPED, report.results().get(6).verdict());
    }

    private static TckReport broken(String name, boolean workConserving, Supplier<UserScheduler> make) {
        return SchedulerKit.run(BrokenSchedulers.factory(name, workConserving, make));
    }

    private static void assertFails(TckReport report, String property, String because) {
        List<String> failed = report.failures().stream().map(PropertyResult::property).toList();
        assertTrue(failed.contains(property), property + " should fail; report:\n" + String.join("\n",
                report.lines()));
        String detail = report.failures().stream().filter(r -> r.property().equals(property)).findFirst()
                .orElseThrow().detail();
        assertTrue(detail.contains(because), "the failure says why: " + detail);
        assertTrue(String.join("\n", report.lines()).contains("FAIL  " + property + ": "));
    }

    @Test
    void losingAnLwpFailsConservation() {
        assertFails(broken("loses", true, BrokenSchedulers.LosesLwps::new), "conservation", "queued");
    }

    @Test
    void choosingAnOfflineCpuFailsOffline() {
        TckReport report = broken("offline", true, BrokenSchedulers.IgnoresOffline::new);
        assertFails(report, "offline", "which is offline");
        assertEquals(Verdict.PASS, report.results().get(0).verdict(), "conservation holds with every CPU online");
    }

    @Test
    void exportingTwiceFailsTheSwapRoundTrip() {
        TckReport report = broken("twice", true, BrokenSchedulers.ExportsTwice::new);
        assertFails(report, "swap-round-trip", "export returned");
        assertEquals(Verdict.PASS, report.results().get(0).verdict());
    }

    @Test
    void idlingWhileWorkWaitsFailsWorkConservationOnlyWhenClaimed() {
        assertFails(broken("lazy", true, BrokenSchedulers.NeverKicks::new), "work-conservation", "is idle while");
        TckReport unclaimed = broken("lazy", false, BrokenSchedulers.NeverKicks::new);
        assertEquals(Verdict.NOT_CLAIMED, unclaimed.results().get(3).verdict());
    }

    @Test
    void lastInFirstOutFailsBoundedStarvation() {
        assertFails(broken("lifo", true, BrokenSchedulers.Lifo::new), "bounded-starvation", "over the bound");
    }

    @Test
    void anUnseededRandomSourceFailsDeterminism() {
        assertFails(broken("dice", false, BrokenSchedulers.Unseeded::new), "determinism", "different decisions");
    }

    /** In a kernel it is ejected: the integration tests run that part, where a kernel is at hand. */
    @Test
    void aSchedulerThatThrowsFailsInTheSimulatedCore() {
        TckReport report = broken("throws", true, BrokenSchedulers.ThrowsFromTick::new);
        assertFails(report, "conservation", "IllegalStateException: broken: tick");
    }
}
