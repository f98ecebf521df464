package org.odonata.api.bio;

import java.nio.ByteBuffer;
import java.util.List;

import org.odonata.api.block.BlockOp;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The kernel-side block I/O path of one kernel, after DragonFly's {@code dev_dstrategy}, {@code biodone} and
 * {@code biowait} ({@code sys/kern/kern_device.c}, {@code sys/kern/vfs_bio.c}). {@link #strategy} issues a request on
 * one of the machine's disks and returns at once. When the disk completes it, the disk raises its interrupt, which
 * the LAPIC delivers to the CPU the kernel routed it to ({@link #interruptCpu}); there the interrupt schedules the
 * disk's interrupt thread ({@code TDPRI_INT_MED}), which preempts the running thread when {@code lwkt_preempt}
 * allows and runs {@code biodone} for every completed request: the request's {@link BioDone} if it has one, else
 * a wakeup of whoever sleeps in {@link #biowait}.
 * <p>
 * Call it from a simulated thread of this kernel (a kernel thread, or an LWP inside a system call): the calling CPU
 * pays the strategy routine's cost. Calls from outside the simulation are accepted, free of charge, except
 * {@link #biowait}.
 */
@ProviderType
public interface BlockIo {

    /** The machine's disks, in attach order, by name ({@code DiskSpec.name}). */
    List<String> devices();

    /**
     * The CPU that takes {@code device}'s completion interrupt: at boot, its index in {@link #devices()} modulo the
     * number of CPUs.
     *
     * @throws IllegalArgumentException for an unknown device (the message lists the known ones)
     */
    int interruptCpu(String device);

    /**
     * Routes {@code device}'s completion interrupt to {@code cpu} from now on (the I/O APIC or MSI destination);
     * requests already completed keep the CPU they were delivered to.
     *
     * @throws IllegalArgumentException for an unknown device or a CPU the machine does not have
     */
    void routeInterrupt(String device, int cpu);

    /**
     * {@code dev_dstrategy}: issues {@code cmd} on {@code device} and returns at once. {@code done} runs at
     * completion in the interrupt thread; with {@code null}, wait for completion with {@link #biowait}.
     *
     * @param offset byte offset, a multiple of the sector size (ignored for a flush)
     * @param data   the bytes to write, or the room to read into, between position and limit (ignored for a flush)
     * @throws IllegalArgumentException for an unknown device or a misaligned or out-of-range request
     */
    Bio strategy(String device, BlockOp cmd, long offset, ByteBuffer data, boolean fua, BioDone done);

    /**
     * {@code biowait}: sleeps the calling thread, with {@code wmesg} as its wait message, until {@code bio} is done;
     * returns 0 or its errno.
     *
     * @throws IllegalStateException when called outside a thread of this kernel, from an interrupt thread, or for a
     *                               request issued with a {@link BioDone}
     */
    int biowait(Bio bio, String wmesg);
}
