package org.odonata.api.kern;

/**
 * Kernel counters since boot.
 *
 * @param contextSwitches   LWKT switches between two different threads
 * @param ipisSent          IPI interrupts raised
 * @param ipisAvoided       IPIQ interrupts coalesced by the npoll latch
 * @param ipiMessages       IPI queue messages sent
 * @param wakeups           threads made runnable by wakeup
 * @param migrations        threads moved to another CPU
 * @param tokenAcquisitions token acquisitions (including reacquisitions at switch)
 * @param tokenCollisions   token acquisitions that failed and had to wait
 * @param syscalls          system calls made
 * @param forks             processes created
 * @param exits             processes exited
 * @param userReschedules   user reschedule requests
 */
public record KernelStats(long contextSwitches, long ipisSent, long ipisAvoided, long ipiMessages, long wakeups,
        long migrations, long tokenAcquisitions, long tokenCollisions, long syscalls, long forks, long exits,
        long userReschedules) {
}
