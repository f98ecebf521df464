package org.odonata.api.kern;

/**
 * Where one CPU's virtual time went since boot, exact to the nanosecond: the three modes partition the time
 * since boot, so {@code userNanos + systemNanos + idleNanos} equals the kernel's {@link Kernel#now()} minus its
 * boot time. There are no interrupt threads in the model: interrupt work is counted in the mode it interrupted.
 *
 * @param cpu         the CPU
 * @param userNanos   an LWP ran in user mode (a compute burst)
 * @param systemNanos a thread other than the idle thread ran in the kernel (system calls, switches, token work)
 * @param idleNanos   the idle thread was current (halted, or spinning while every runnable thread's tokens
 *                    were contended)
 */
public record CpuTimes(int cpu, long userNanos, long systemNanos, long idleNanos) {

    /** User plus system time. */
    public long busyNanos() {
        return userNanos + systemNanos;
    }
}
