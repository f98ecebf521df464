package org.odonata.hw.x86.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.EventHandle;
import org.odonata.api.engine.SimThread;
import org.odonata.api.engine.SimThreadState;

/** The Engine contract, run against both kinds. */
class EngineTest {

    private static Engine engine(EngineKind kind) {
        return Engines.create(kind, 1);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void createGivesAnEngineOfTheRequestedKindAtTimeZero(EngineKind kind) {
        Engine engine = engine(kind);
        assertEquals(kind, engine.kind());
        assertEquals(0, engine.now());
        assertEquals(0, engine.pending());
        assertEquals(1, engine.random().seed());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void eventsRunInTimeOrderAndEqualTimesInSchedulingOrder(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        engine.at(20, () -> log.add("b@" + engine.now()));
        engine.at(10, () -> log.add("a@" + engine.now()));
        engine.at(20, () -> log.add("c@" + engine.now()));
        engine.at(10, () -> engine.after(0, () -> log.add("d@" + engine.now())));
        assertEquals(5, engine.runUntilIdle());
        assertEquals(List.of("a@10", "d@10", "b@20", "c@20"), log);
        assertEquals(20, engine.now());
        assertEquals(5, engine.eventsRun());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void schedulingBeforeNowIsRejected(EngineKind kind) {
        Engine engine = engine(kind);
        engine.runUntil(100);
        assertThrows(IllegalArgumentException.class, () -> engine.at(99, () -> { }));
        engine.at(100, () -> { });
        assertEquals(1, engine.pending());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void cancelledEventDoesNotRunAndIsNotPending(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        EventHandle cancelled = engine.at(5, () -> log.add("cancelled"));
        EventHandle kept = engine.at(6, () -> log.add("kept"));
        assertEquals(5, cancelled.time());
        assertTrue(cancelled.cancel());
        assertFalse(cancelled.cancel());
        assertEquals(1, engine.pending());
        assertEquals(1, engine.runUntilIdle());
        assertEquals(List.of("kept"), log);
        assertFalse(kept.pending());
        assertFalse(kept.cancel());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void runUntilRunsEventsDueAtOrBeforeTheTimeThenSetsTheClock(EngineKind kind) {
        Engine engine = engine(kind);
        List<Long> ran = new ArrayList<>();
        for (long t : new long[] {10, 50, 51, 90}) {
            engine.at(t, () -> ran.add(engine.now()));
        }
        assertEquals(2, engine.runUntil(50));
        assertEquals(List.of(10L, 50L), ran);
        assertEquals(50, engine.now());
        assertEquals(1, engine.runUntil(60));
        assertEquals(List.of(10L, 50L, 51L), ran);
        assertEquals(60, engine.now());
        assertEquals(1, engine.pending());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void runUntilNeverMovesTheClockBackwards(EngineKind kind) {
        Engine engine = engine(kind);
        engine.runUntil(100);
        assertEquals(0, engine.runUntil(40));
        assertEquals(100, engine.now());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void stepRunsExactlyTheEarliestEvent(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        engine.at(2, () -> log.add("late"));
        engine.at(1, () -> log.add("early"));
        assertTrue(engine.step());
        assertEquals(List.of("early"), log);
        assertEquals(1, engine.now());
        assertTrue(engine.step());
        assertFalse(engine.step());
        assertEquals(2, engine.eventsRun());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void spawnedThreadStartsAtTheCurrentTimeAndEndsTerminated(EngineKind kind) {
        Engine engine = engine(kind);
        engine.runUntil(30);
        List<Long> seen = new ArrayList<>();
        SimThread thread = engine.spawn("worker", () -> seen.add(engine.now()));
        assertEquals(SimThreadState.NEW, thread.state());
        assertEquals("worker", thread.name());
        engine.runUntilIdle();
        assertEquals(List.of(30L), seen);
        assertEquals(SimThreadState.TERMINATED, thread.state());
        assertNull(thread.failure());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void threadIdsAreUniqueInOrderOfCreation(EngineKind kind) {
        Engine engine = engine(kind);
        SimThread a = engine.spawn("a", () -> { });
        SimThread b = engine.spawn("b", () -> { });
        assertTrue(a.id() < b.id());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void currentIsTheRunningThreadAndNullInAnEvent(EngineKind kind) {
        Engine engine = engine(kind);
        List<SimThread> seen = new ArrayList<>();
        SimThread thread = engine.spawn("me", () -> seen.add(engine.current()));
        engine.at(0, () -> seen.add(engine.current()));
        engine.runUntilIdle();
        assertSame(thread, seen.get(0));
        assertNull(seen.get(1));
        assertNull(engine.current());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void parkSuspendsTheThreadUntilUnparkAndResumesAtTheUnparkTime(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        SimThread thread = engine.spawn("sleeper", () -> {
            log.add("parking@" + engine.now());
            engine.park();
            log.add("woke@" + engine.now());
        });
        engine.runUntil(10);
        assertEquals(SimThreadState.PARKED, thread.state());
        engine.at(25, thread::unpark);
        engine.runUntil(24);
        assertEquals(SimThreadState.PARKED, thread.state());
        engine.runUntilIdle();
        assertEquals(List.of("parking@0", "woke@25"), log);
        assertEquals(SimThreadState.TERMINATED, thread.state());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void unparkMakesAParkedThreadRunnableAtNow(EngineKind kind) {
        Engine engine = engine(kind);
        SimThread thread = engine.spawn("t", engine::park);
        engine.runUntil(7);
        thread.unpark();
        assertEquals(SimThreadState.RUNNABLE, thread.state());
        assertEquals(1, engine.pending());
        engine.runUntilIdle();
        assertEquals(7, engine.now());
        assertEquals(SimThreadState.TERMINATED, thread.state());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void unparkBeforeParkLeavesAPermitThatTheNextParkConsumes(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        SimThread[] self = new SimThread[1];
        self[0] = engine.spawn("t", () -> {
            self[0].unpark();
            self[0].unpark();
            engine.park();
            log.add("first park returned@" + engine.now());
            engine.park();
            log.add("second park returned@" + engine.now());
        });
        engine.runUntil(50);
        assertEquals(List.of("first park returned@0"), log);
        assertEquals(SimThreadState.PARKED, self[0].state());
        self[0].unpark();
        engine.runUntilIdle();
        assertEquals(List.of("first park returned@0", "second park returned@50"), log);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void unparkOfANewThreadMakesItsFirstParkReturnAtOnce(EngineKind kind) {
        Engine engine = engine(kind);
        SimThread thread = engine.spawn("t", engine::park);
        thread.unpark();
        engine.runUntilIdle();
        assertEquals(SimThreadState.TERMINATED, thread.state());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sleepResumesTheThreadAfterThatMuchVirtualTime(EngineKind kind) {
        Engine engine = engine(kind);
        List<Long> wakes = new ArrayList<>();
        engine.spawn("t", () -> {
            engine.sleep(100);
            wakes.add(engine.now());
            engine.sleep(0);
            wakes.add(engine.now());
            engine.sleep(5);
            wakes.add(engine.now());
        });
        engine.runUntilIdle();
        assertEquals(List.of(100L, 100L, 105L), wakes);
        assertEquals(4, engine.eventsRun());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void unparkDoesNotCutASleepShortButLeavesThePermit(EngineKind kind) {
        Engine engine = engine(kind);
        List<Long> log = new ArrayList<>();
        SimThread thread = engine.spawn("t", () -> {
            engine.sleep(100);
            log.add(engine.now());
            engine.park();
            log.add(engine.now());
        });
        engine.runUntil(10);
        thread.unpark();
        engine.runUntilIdle();
        assertEquals(List.of(100L, 100L), log);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sleepZeroYieldsBehindEventsAlreadyDueNow(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        engine.spawn("t", () -> {
            engine.at(0, () -> log.add("event"));
            engine.sleep(0);
            log.add("thread");
        });
        engine.runUntilIdle();
        assertEquals(List.of("event", "thread"), log);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void negativeSleepIsRejectedAndTheThreadKeepsRunning(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        SimThread thread = engine.spawn("t", () -> {
            log.add(assertThrows(IllegalArgumentException.class, () -> engine.sleep(-1)).getClass().getSimpleName());
            log.add("state " + engine.current().state());
        });
        engine.runUntilIdle();
        assertEquals(List.of("IllegalArgumentException", "state RUNNING"), log);
        assertEquals(SimThreadState.TERMINATED, thread.state());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void parkOrSleepOutsideASimulatedThreadThrowsIllegalState(EngineKind kind) {
        Engine engine = engine(kind);
        assertThrows(IllegalStateException.class, engine::park);
        assertThrows(IllegalStateException.class, () -> engine.sleep(1));
        List<Throwable> fromEvent = new ArrayList<>();
        engine.at(0, () -> fromEvent.add(assertThrows(IllegalStateException.class, engine::park)));
        engine.runUntilIdle();
        assertTrue(fromEvent.get(0).getMessage().contains("outside a simulated thread"));
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void runningTheEngineFromInsideItIsRejected(EngineKind kind) {
        Engine engine = engine(kind);
        List<Throwable> errors = new ArrayList<>();
        engine.spawn("t", () -> errors.add(assertThrows(IllegalStateException.class, engine::runUntilIdle)));
        engine.at(0, () -> errors.add(assertThrows(IllegalStateException.class, engine::step)));
        engine.runUntilIdle();
        assertEquals(2, errors.size());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void threadFailureIsReportedWithNameAndTimeAndTheEngineKeepsRunning(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        SimThread bad = engine.spawn("bad-thread", () -> {
            engine.sleep(40);
            throw boom;
        });
        engine.spawn("good-thread", () -> {
            engine.sleep(60);
            log.add("good@" + engine.now());
        });
        engine.at(50, () -> log.add("event@50"));

        SimulationFailure failure = assertThrows(SimulationFailure.class, () -> engine.runUntil(100));
        assertSame(boom, failure.getCause());
        assertEquals("bad-thread", failure.threadName());
        assertEquals(40, failure.time());
        assertTrue(failure.getMessage().contains("bad-thread") && failure.getMessage().contains("40"));
        assertSame(boom, bad.failure());
        assertEquals(SimThreadState.TERMINATED, bad.state());
        assertEquals(40, engine.now());

        assertEquals(2, engine.runUntil(100));
        assertEquals(List.of("event@50", "good@60"), log);
        assertEquals(100, engine.now());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void failureStopsStepAndRunUntilIdleToo(EngineKind kind) {
        Engine engine = engine(kind);
        engine.spawn("a", () -> {
            throw new IllegalStateException("a");
        });
        engine.spawn("b", () -> {
            throw new IllegalStateException("b");
        });
        assertEquals("a", assertThrows(SimulationFailure.class, engine::step).threadName());
        assertEquals("b", assertThrows(SimulationFailure.class, engine::runUntilIdle).threadName());
        assertFalse(engine.step());
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anEventThatThrowsPropagatesAndLeavesLaterEventsPending(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        engine.at(1, () -> {
            throw new UnsupportedOperationException("event failed");
        });
        engine.at(2, () -> log.add("later"));
        assertThrows(UnsupportedOperationException.class, engine::runUntilIdle);
        assertEquals(1, engine.pending());
        engine.runUntilIdle();
        assertEquals(List.of("later"), log);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void threadsWakeEachOtherInScheduledOrder(EngineKind kind) {
        Engine engine = engine(kind);
        List<String> log = new ArrayList<>();
        SimThread consumer = engine.spawn("consumer", () -> {
            for (int i = 0; i < 3; i++) {
                engine.park();
                log.add("consumed@" + engine.now());
            }
        });
        engine.spawn("producer", () -> {
            for (int i = 0; i < 3; i++) {
                engine.sleep(10);
                log.add("produced@" + engine.now());
                consumer.unpark();
            }
        });
        engine.runUntilIdle();
        assertEquals(List.of("produced@10", "consumed@10", "produced@20", "consumed@20", "produced@30",
                "consumed@30"), log);
    }
}
