package org.odonata.tck.pageout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.pageout.ResidentPage;
import org.odonata.tck.PropertyResult;
import org.odonata.tck.TckReport;

class PageoutKitTest {

    /** First in, first out, kept right. */
    static class Fifo implements PageoutPolicy {
        final ArrayDeque<ResidentPage> queue = new ArrayDeque<>();

        @Override
        public void init(PageoutHost host) {
        }

        @Override
        public void admit(ResidentPage page) {
            queue.addLast(page);
        }

        @Override
        public void remove(ResidentPage page) {
            queue.remove(page);
        }

        @Override
        public ResidentPage selectVictim() {
            return queue.pollFirst();
        }

        @Override
        public List<ResidentPage> export() {
            return new ArrayList<>(queue);
        }
    }

    private static PageoutPolicyFactory factory(String name, Supplier<PageoutPolicy> make) {
        return new PageoutPolicyFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public PageoutPolicy create() {
                return make.get();
            }
        };
    }

    private static void assertFails(TckReport report, String property, String because) {
        PropertyResult r = report.failures().stream().filter(f -> f.property().equals(property)).findFirst()
                .orElseThrow(() -> new AssertionError(property + " should fail:\n" + String.join("\n",
                        report.lines())));
        assertTrue(r.detail().contains(because), r.detail());
    }

    @Test
    void aCorrectFifoPassesEveryProperty() {
        PageoutKit.run(factory("fifo", Fifo::new)).assertPassed();
    }

    @Test
    void forgettingToRemoveAnUnmappedPageFailsConservation() {
        assertFails(PageoutKit.run(factory("sticky", () -> new Fifo() {
            @Override
            public void remove(ResidentPage page) {
            }
        })), "conservation", "which is not resident");
    }

    @Test
    void anExportThatDropsAPageFailsTheSwapRoundTrip() {
        assertFails(PageoutKit.run(factory("lossy", () -> new Fifo() {
            @Override
            public List<ResidentPage> export() {
                List<ResidentPage> all = super.export();
                return all.subList(0, Math.max(0, all.size() - 1));
            }
        })), "swap-round-trip", "export handed over");
    }

    @Test
    void anUnseededChoiceFailsDeterminism() {
        assertFails(PageoutKit.run(factory("dice", () -> new Fifo() {
            private final java.util.Random random = new java.util.Random();

            @Override
            public ResidentPage selectVictim() {
                if (queue.isEmpty()) {
                    return null;
                }
                ResidentPage p = new ArrayList<>(queue).get(random.nextInt(queue.size()));
                queue.remove(p);
                return p;
            }
        })), "determinism", "chose different victims");
    }
}
