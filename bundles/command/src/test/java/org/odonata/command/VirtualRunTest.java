package org.odonata.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class VirtualRunTest {

    /** A fake machine whose slices cost host time proportional to their virtual length. */
    private final AtomicLong host = new AtomicLong();
    private final List<Long> slices = new ArrayList<>();

    private VirtualRun run(long hostNanosPerVirtualNano) {
        return new VirtualRun(n -> {
            slices.add(n);
            host.addAndGet(n * hostNanosPerVirtualNano);
        }, host::get);
    }

    @Test
    void theSlicesAddUpExactlyToTheRequestedSpan() {
        VirtualRun.Outcome o = run(1).advance(5, 1_234_567_891L, null, "x");
        assertEquals(1_234_567_896L, o.reached());
        assertFalse(o.interrupted());
        assertEquals(1_234_567_891L, slices.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void slicesGrowTowardsATenthOfASecondOfHostTime() {
        run(1).advance(0, 10_000_000_000L, null, "x");
        assertEquals(1_000_000L, slices.get(0));
        assertEquals(4_000_000L, slices.get(1), "grows at most fourfold");
        assertTrue(slices.stream().skip(5).limit(3).allMatch(s -> s == VirtualRun.SLICE_TARGET_NANOS),
                slices.toString());
    }

    @Test
    void anExpensiveMachineGetsThinSlices() {
        run(1_000_000).advance(0, 10_000_000L, null, "x");
        assertEquals(250_000L, slices.get(1), "shrinks at most fourfold");
        assertEquals(100L, slices.get(slices.size() - 2), "100 ns cost a tenth of a second here");
    }

    @Test
    void aStopRequestEndsTheRunBetweenSlices() {
        VirtualRun r = new VirtualRun(n -> {
            slices.add(n);
            host.addAndGet(n);
            if (slices.size() == 3) {
                Interruptible.interruptAll();
            }
        }, host::get);
        VirtualRun.Outcome o;
        try (Interruptible scope = Interruptible.enter()) {
            o = r.advance(0, 10_000_000_000L, null, "x");
        }
        assertTrue(o.interrupted());
        assertEquals(3, slices.size(), "no slice starts after the request");
        assertEquals(slices.stream().mapToLong(Long::longValue).sum(), o.reached());
        assertFalse(Thread.currentThread().isInterrupted(), "the thread itself is never interrupted");
        assertTrue(o.describe().startsWith("interrupted at t=21ms (asked for t=10s, 0.2% done)"), o.describe());
    }

    @Test
    void aThreadOutsideAnyScopeStopsWhenInterrupted() {
        VirtualRun r = new VirtualRun(n -> {
            slices.add(n);
            Thread.currentThread().interrupt();
        }, host::get);
        VirtualRun.Outcome o = r.advance(0, 10_000_000_000L, null, "x");
        assertTrue(o.interrupted());
        assertEquals(1, slices.size());
        assertTrue(Thread.interrupted());
    }
}
