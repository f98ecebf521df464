package org.odonata.hw.x86.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.SimThread;

/**
 * Many simulated threads sleeping seeded random amounts (with many ties) and waking each other: the trace
 * of (virtual time, thread id) per resume must depend on the seed only, not on the engine kind or the run.
 */
class DeterminismTest {

    private static final int THREADS = 10_000;
    private static final int ROUNDS = 10;

    /** Runs the workload and returns the SHA-256 of its resume trace. */
    private static String traceDigest(EngineKind kind, long seed) {
        Engine engine = Engines.create(kind, seed);
        MessageDigest sha = sha256();
        byte[] record = new byte[16];
        RandomGenerator sleeps = engine.random().stream("test.sleep");
        SimThread[] threads = new SimThread[THREADS];
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            threads[i] = engine.spawn("t" + i, () -> {
                for (int round = 0; round < ROUNDS; round++) {
                    // few distinct durations, so many threads wake at the same time and FIFO order matters
                    engine.sleep(sleeps.nextLong(0, 64));
                    SimThread self = engine.current();
                    putLong(record, 0, engine.now());
                    putLong(record, 8, self.id());
                    sha.update(record);
                    threads[(index + 1) % THREADS].unpark();
                    if (round % 3 == 2) {
                        engine.park();
                    }
                }
            });
        }
        // a periodic event that unparks whoever is left parked keeps the parks from blocking forever
        Runnable[] sweeper = new Runnable[1];
        sweeper[0] = () -> {
            for (SimThread t : threads) {
                t.unpark();
            }
            if (engine.pending() > 0) {
                engine.after(1_000, sweeper[0]);
            }
        };
        engine.after(1_000, sweeper[0]);
        engine.runUntilIdle();
        putLong(record, 0, engine.now());
        putLong(record, 8, engine.eventsRun());
        sha.update(record);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void bothEnginesProduceTheSameTraceForTenThousandThreads() {
        assertEquals(traceDigest(EngineKind.CONTINUATION, 11), traceDigest(EngineKind.VIRTUAL_THREAD, 11));
    }

    @Test
    void sameSeedGivesTheSameTraceOnEveryRun() {
        assertEquals(traceDigest(EngineKind.CONTINUATION, 12), traceDigest(EngineKind.CONTINUATION, 12));
    }

    @Test
    void differentSeedsGiveDifferentTraces() {
        assertNotEquals(traceDigest(EngineKind.CONTINUATION, 12), traceDigest(EngineKind.CONTINUATION, 13));
    }
}
