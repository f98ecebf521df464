package org.odonata.api.kern;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a kernel's scheduling events as they happen, in virtual-time order, on the host thread that advances
 * the kernel (see {@link Kernel#setTraceSink}). Enough to draw a Chrome/Perfetto timeline: which thread each CPU
 * ran when, who woke whom, who waited for which token, and which threads changed CPU. Every method does nothing
 * by default, so a sink implements only what it draws. A sink must not call back into the kernel.
 */
@ConsumerType
public interface TraceSink {

    /** CPU {@code cpu} switched from one thread to another at virtual time {@code time} ({@code lwkt_switch}). */
    default void contextSwitch(int cpu, long time, long fromTid, String fromName, long toTid, String toName) {
    }

    /**
     * Thread {@code tid}, owned by CPU {@code targetCpu}, left its sleep queue and became runnable at {@code time};
     * {@code wakerCpu} is the CPU whose code woke it (the target itself for a sleep timeout, -1 for a call from
     * outside the machine).
     */
    default void wakeup(long time, int wakerCpu, long tid, int targetCpu) {
    }

    /** Thread {@code tid} waited for {@code token} from {@code start} until it got it at {@code end}. */
    default void tokenWait(long tid, String token, long start, long end) {
    }

    /** Thread {@code tid} changed owning CPU at {@code time} (a push or a pull migration). */
    default void migration(long time, long tid, int fromCpu, int toCpu) {
    }
}
