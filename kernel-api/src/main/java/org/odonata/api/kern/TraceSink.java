package org.odonata.api.kern;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a kernel's named events as they happen, in virtual-time order, on the host thread that advances the
 * kernel (see {@link Kernel#setTraceSink}): the stable tracepoints (dynamic probes are the other layer). Context
 * switches, wakeups, token waits, migrations, IPIs sent and received, token acquisitions, collisions and releases
 * come from the kernel core, and so do page faults (its trap handler, before {@code vm_fault}) and block I/O (its
 * bio layer, {@link org.odonata.api.bio.BlockIo}). Every method does nothing by default, so a sink implements only
 * what it draws. A sink must not call back into the kernel.
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

    /** CPU {@code fromCpu} sent an IPI to {@code toCpu} for its IPI queue at {@code time} ({@code lwkt_send_ipiq}). */
    default void ipiSend(long time, int fromCpu, int toCpu) {
    }

    /** CPU {@code cpu} ran {@code messages} queued IPI messages from {@code fromCpu} ({@code lwkt_process_ipiq}). */
    default void ipiReceive(long time, int cpu, int fromCpu, int messages) {
    }

    /** Thread {@code tid} on {@code cpu} got {@code token} at {@code time} ({@code _lwkt_trytokref} succeeded). */
    default void tokenAcquire(long time, int cpu, long tid, String token) {
    }

    /** Thread {@code tid} on {@code cpu} found {@code token} held at {@code time} (a token collision). */
    default void tokenCollide(long time, int cpu, long tid, String token) {
    }

    /** Thread {@code tid} on {@code cpu} released {@code token} after holding it {@code heldNanos}. */
    default void tokenRelease(long time, int cpu, long tid, String token, long heldNanos) {
    }

    /** Thread {@code tid} on {@code cpu} faulted at {@code address} ({@code trap_pfault}, before {@code vm_fault}). */
    default void fault(long time, int cpu, long tid, long address, boolean write) {
    }

    /**
     * Block I/O request {@code request} of {@code bytes} at {@code offset} went to {@code device} at {@code time}
     * ({@code dev_dstrategy}); a flush is a write of 0 bytes.
     */
    default void ioStart(long time, String device, long request, long offset, int bytes, boolean write) {
    }

    /** Block I/O request {@code request} on {@code device} completed at {@code time} ({@code biodone}). */
    default void ioDone(long time, String device, long request) {
    }
}
