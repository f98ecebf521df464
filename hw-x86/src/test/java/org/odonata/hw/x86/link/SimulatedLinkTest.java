package org.odonata.hw.x86.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.link.Link;
import org.odonata.api.link.LinkSpec;
import org.odonata.hw.x86.engine.Engines;

class SimulatedLinkTest {

    /** 1 Gb/s: 1250 bytes take 10 µs on the wire; 50 µs one way. */
    static final LinkSpec GIGABIT = new LinkSpec("eth0", 50_000, 1_000_000_000L);

    @Test
    void messagesQueueOnTheWireAndArriveInOrder() {
        Engine engine = Engines.create(EngineKind.CONTINUATION, 1);
        Link link = Links.open(GIGABIT, engine);
        List<String> got = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        long[] sent = new long[3];
        engine.at(0, () -> {
            for (int i = 0; i < 3; i++) {
                byte[] message = new byte[1250];
                message[0] = (byte) i;
                sent[i] = link.send(message, m -> {
                    got.add("m" + m[0]);
                    at.add(engine.now());
                });
                message[0] = 9;  // the wire already has its copy
            }
        });
        engine.runUntilIdle();
        assertEquals(List.of("m0", "m1", "m2"), got);
        assertEquals(List.of(60_000L, 70_000L, 80_000L), at);
        assertArrayEquals(new long[] {60_000, 70_000, 80_000}, sent);
        assertEquals(3, link.messagesSent());
        assertEquals(3750, link.bytesSent());
    }

    @Test
    void anIdleLinkCostsOnlySerialisationAndLatency() {
        Engine engine = Engines.create(EngineKind.VIRTUAL_THREAD, 1);
        Link link = Links.open(GIGABIT, engine);
        engine.runUntil(1_000_000);
        long[] arrival = new long[2];
        engine.at(1_000_000, () -> arrival[0] = link.send(new byte[125], m -> arrival[1] = engine.now()));
        engine.runUntilIdle();
        assertEquals(1_000_000 + 1_000 + 50_000, arrival[0]);
        assertEquals(arrival[0], arrival[1]);
    }

    @Test
    void serialisationRoundsUpAndHandlesHugeMessages() {
        SimulatedLink slow = new SimulatedLink(new LinkSpec("slow", 0, 3), Engines.create(EngineKind.CONTINUATION, 1));
        assertEquals(2_666_666_667L, slow.serialisationNanos(1));
        SimulatedLink fast = new SimulatedLink(new LinkSpec("fast", 0, 10_000_000_000L),
                Engines.create(EngineKind.CONTINUATION, 1));
        assertEquals(1_600_000_000L, fast.serialisationNanos(2_000_000_000L));
    }
}
