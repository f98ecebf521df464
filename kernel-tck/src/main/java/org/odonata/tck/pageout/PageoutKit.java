package org.odonata.tck.pageout;

import java.util.List;

import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.tck.Property;
import org.odonata.tck.TckReport;

/**
 * The pageout-policy conformance kit ({@code tck:run vm NAME}). Each property replays seeded reference strings
 * (a hot set, scans, random pages) against a pool of resident pages, with pages unmapped now and then and victims
 * that cannot be evicted admitted again ({@link Pool}). The properties: {@code conservation} (every victim is
 * resident, {@code null} only from an empty pool, and draining returns each page exactly once), {@code
 * swap-round-trip} (export hands over exactly the resident pages, to a fresh instance and back), {@code
 * determinism} (the same seed, the same victims). A policy that needs the future ({@code needsFuture}) is given
 * it; any other is refused {@code nextUse}. The VM's own tests and each policy's bundle check it in a real kernel.
 */
public final class PageoutKit {

    private final PageoutPolicyFactory factory;

    private PageoutKit(PageoutPolicyFactory factory) {
        this.factory = factory;
    }

    public static TckReport run(PageoutPolicyFactory factory) {
        return new TckReport("vm", factory.name(), properties(factory).stream().map(Property::evaluate).toList());
    }

    public static void assertConforms(PageoutPolicyFactory factory) {
        run(factory).assertPassed();
    }

    public static List<Property> properties(PageoutPolicyFactory factory) {
        PageoutKit kit = new PageoutKit(factory);
        return List.of(
                new Property("conservation", kit::conservation),
                new Property("swap-round-trip", kit::swapRoundTrip),
                new Property("determinism", kit::determinism));
    }

    private Pool pool(int capacity, int pages, long seed) {
        return new Pool(factory.create(), capacity, Pool.referenceString(20_000, pages, seed),
                factory.needsFuture(), seed);
    }

    private String conservation() {
        int[][] shapes = {{64, 256}, {16, 20}, {1, 8}, {200, 150}};
        for (int[] shape : shapes) {
            for (long seed = 1; seed <= 2; seed++) {
                Pool pool = pool(shape[0], shape[1], seed);
                try {
                    pool.replay(20_000);
                    pool.drain();
                } catch (AssertionError e) {
                    throw new AssertionError("seed " + seed + ", " + shape[0] + " frames for " + shape[1]
                            + " pages: " + e.getMessage(), e);
                }
            }
        }
        return "20,000 references in 8 pools (1 to 200 frames, 8 to 256 pages), pages unmapped and victims busy now "
                + "and then: every victim resident, every page drained exactly once";
    }

    private String swapRoundTrip() {
        Pool pool = pool(64, 256, 3);
        for (int i = 0; i < 10; i++) {
            pool.replay(2_000);
            pool.swap(factory.create());
        }
        pool.drain();
        return "10 swaps to a fresh instance during 20,000 references: each export was exactly the resident pages";
    }

    private String determinism() {
        Pool a = pool(64, 256, 7);
        Pool b = pool(64, 256, 7);
        a.replay(20_000);
        b.replay(20_000);
        if (a.decisions != b.decisions || a.faults != b.faults) {
            throw new AssertionError("two replays with the same seed chose different victims (" + a.faults + " vs "
                    + b.faults + " faults): an unseeded random source or the host clock?");
        }
        return "two replays of 20,000 references with the same seed chose the same victims (" + a.faults
                + " faults)";
    }
}
