package org.odonata.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.odonata.command.hammer.MirrorLink;

/** The lockstep quantum: never longer than the link's latency, so that every record arrives after its quantum. */
class LinkedMirrorTest {

    @Test
    void theQuantumIsTheLatencyWithinItsBounds() {
        assertEquals(50_000L, LinkedMirror.quantum(MirrorLink.parse("1Gbit/s,50us")));
        assertEquals(LinkedMirror.MAX_QUANTUM_NANOS, LinkedMirror.quantum(MirrorLink.parse("1Gbit/s,20ms")));
        assertEquals(LinkedMirror.MIN_QUANTUM_NANOS, LinkedMirror.quantum(MirrorLink.parse("1Gbit/s,0ns")));
    }
}
