package org.odonata.sync.tokens;

import org.odonata.api.machine.Cpu;
import org.odonata.api.sync.TokenLock;

/**
 * DragonFly's {@code cpu_pause()} and the TSC window that token and spinlock backoff share. Guarantee: a pause
 * of {@code n} iterations advances the pausing CPU's virtual time by {@code n × PAUSE_CYCLES}; exactly one CPU
 * at a time is inside the window. Cost: a window check is one RDTSC ({@code tscRead}).
 */
public final class CpuPause {

    /** Latency of one PAUSE instruction ({@link TokenLock#PAUSE_CYCLES}). */
    public static final long PAUSE_CYCLES = TokenLock.PAUSE_CYCLES;

    /** {@code token_window_shift}: the window moves to the next CPU every 2^8 TSC cycles. */
    public static final int WINDOW_SHIFT = 8;

    private CpuPause() {
    }

    /**
     * Whether {@code cpu} is in its TSC window ({@code (rdtsc() >> 8) % ncpus == cpuid}), in which it skips its
     * backoff so that some CPU always retries at once and livelock cannot persist.
     */
    public static boolean inTscWindow(Cpu cpu, int ncpus) {
        return Long.remainderUnsigned(cpu.rdtsc() >>> WINDOW_SHIFT, ncpus) == cpu.id();
    }

    /** Spins {@code pauses} PAUSE instructions: the CPU settles its debt and that much virtual time passes. */
    public static void pause(Cpu cpu, long pauses) {
        cpu.consume(pauses * PAUSE_CYCLES);
    }
}
