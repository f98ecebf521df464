package org.odonata.tck.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenLock;
import org.odonata.tck.PropertyResult;
import org.odonata.tck.TckReport;
import org.odonata.tck.Verdict;

class TokenKitTest {

    @Test
    void theKitsReferenceTokensPassEveryProperty() {
        TckReport report = TokenKit.run(new ReferenceTokens());
        assertTrue(report.passed(), String.join("\n", report.lines()));
        assertEquals(List.of("release-on-block", "all-or-nothing", "no-deadlock"), report.results().stream()
                .filter(r -> r.verdict() != Verdict.PASS).map(PropertyResult::property).toList(),
                "the kernel-level properties need a kernel, which the integration tests have");
    }

    private static TckReport broken(String name, boolean coexist, BiFunction<String, SyncHost, TokenLock> make) {
        return TokenKit.run(BrokenTokens.factory(name, coexist, make));
    }

    private static void assertFails(TckReport report, String property, String because) {
        List<String> failed = report.failures().stream().map(PropertyResult::property).toList();
        assertTrue(failed.contains(property), property + " should fail; report:\n" + String.join("\n",
                report.lines()));
        String detail = report.failures().stream().filter(r -> r.property().equals(property)).findFirst()
                .orElseThrow().detail();
        assertTrue(detail.contains(because), "the failure says why: " + detail);
    }

    @Test
    void twoWritersInsideFailMutualExclusion() {
        TckReport report = broken("open", true, (n, h) -> new BrokenTokens.NoLock(n));
        assertFails(report, "mutual-exclusion", "two exclusive holders were inside at once");
    }

    @Test
    void serializedReadersFailSharedCoexistOnlyWhenClaimed() {
        TckReport claimed = broken("serial", true, (n, h) -> new BrokenTokens.SharedSerialized(n, h.machine()));
        assertFails(claimed, "shared-coexist", "of 8 readers were inside at once");
        TckReport honest = broken("serial", false, (n, h) -> new BrokenTokens.SharedSerialized(n, h.machine()));
        assertEquals(Verdict.NOT_CLAIMED, honest.results().get(2).verdict());
        assertEquals(Verdict.PASS, honest.results().get(0).verdict());
    }

    @Test
    void spinningPastTheBudgetFailsGivingUp() {
        assertFails(broken("stubborn", true, (n, h) -> new BrokenTokens.IgnoresBudget(n, h.machine())),
                "giving-up", "gave up");
    }

    @Test
    void aLostReleaseFailsProgress() {
        TckReport report = broken("leaky", true, (n, h) -> new BrokenTokens.LeaksReleases(n, h.machine()));
        assertFails(report, "progress", "stuck waiting for a token");
    }
}
