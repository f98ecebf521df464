package org.odonata.api.vm;

import java.util.function.IntConsumer;

import org.odonata.api.bio.BlockIo;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.machine.Machine;
import org.odonata.api.sync.Sleeper;
import org.odonata.api.sync.TokenMode;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the kernel core offers its VM: the machine, the calling thread's CPU and identity, the kernel's tokens with
 * their LWKT semantics (held only while the thread runs), tsleep/wakeup on objects (what lockmgr locks need), kernel
 * threads and the block I/O path (the kernel's own SPIs), TLB-shootdown IPIs and killing a process. Every method that blocks or charges runs on the calling simulated thread.
 */
@ProviderType
public interface VmHost extends Sleeper {

    Machine machine();

    /** The CPU the calling code runs on, or -1 on the host thread (outside every simulated thread). */
    int cpu();

    /** The calling thread's id (a lock owner), or 0 on the host thread. */
    long tid();

    /**
     * {@code lwkt_gettoken}: pushes a token on the calling thread's token stack and returns holding it. {@code name}
     * is a global token ({@code vm}, {@code vmspace}, {@code pmap}) or any other name, which maps to a pool token
     * ({@code lwkt_token_pool_lookup}).
     */
    void gettoken(String name, TokenMode mode);

    /** {@code lwkt_reltoken}: releases the calling thread's most recently acquired token. */
    void reltoken();

    /**
     * tsleep with a timeout: sleeps until a {@link #wakeup} on {@code ident} or until {@code timeoutNanos} of
     * virtual time pass (0: no limit); returns false on timeout. Tokens are released while asleep.
     */
    boolean tsleep(Object ident, String wmesg, long timeoutNanos);

    /** The kernel's threads: the VM's pageout daemon is one ({@code lwkt_create}). */
    KernelThreads kthreads();

    /** The kernel's block I/O path: the swap pager's page-ins and page-outs go through it. */
    BlockIo blockIo();

    /**
     * A TLB shootdown from the calling thread's CPU ({@code pmap_inval_smp}): an {@code XINVLTLB} IPI to each CPU in
     * {@code targets} (the caller's own CPU, if listed, runs {@code invalidate} at once), whose handler runs
     * {@code invalidate} with its CPU number even inside a critical section, and a spin on an acknowledgement line
     * until every target has run it. Costs the IPIs and the acknowledgement traffic.
     */
    void shootdown(int[] targets, IntConsumer invalidate);

    /** Adds a line to the kernel's fault log ({@code Kernel.faults()}): an ejected policy, an out-of-swap kill. */
    void fault(String line);

    /**
     * Kills process {@code pid} with {@code signal} at its next return from the kernel, as the pageout daemon's
     * out-of-swap kill does; {@code why} goes to the kernel's fault log.
     */
    void kill(int pid, int signal, String why);
}
