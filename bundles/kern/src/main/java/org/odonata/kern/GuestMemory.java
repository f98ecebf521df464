package org.odonata.kern;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import org.odonata.api.memory.HostBackedMemory;
import org.odonata.api.memory.PhysicalMemory;
import org.odonata.api.vm.VmSpace;

/**
 * A vkernel guest's physical memory: the guest machine's frames, frame {@code f} being the page at
 * {@code base + f × 4096} of its host process's guest-memory mapping, as the vkernel's memory image is mapped into its
 * process ({@code platform/vkernel64}, {@code MAP_VPAGETABLE}). Every guest access to a frame is also the host MMU's
 * access to that page, so the host's reference bits and residency are real: the host's pageout daemon deactivates
 * and pages out guest frames like any process's pages, and the guest's next access to one traps out for the host's
 * {@code vm_fault} (a swap-in, or a zero-fill at the frame's first use) and resumes when the page is back. The
 * frames' bytes live in the host's pages, so host swap carries them. Frames freed by the guest stay mapped in the
 * host, as a vkernel's freed memory does until the host reclaims it.
 * Simplification: a resident host page costs the guest's access nothing more (the guest's TLB stands for the
 * combined guest-and-host translation that DragonFly's host pmap holds for a {@code VPAGETABLE} mapping).
 * Simplification: the guest's page-table pages are not accessed through the host, so the host never pages them out.
 */
final class GuestMemory implements HostBackedMemory {

    private final PhysicalMemory hw;
    private final GuestMachine machine;
    /** Frames that may hold bytes other than zeros. */
    private final BitSet modelled = new BitSet();
    /**
     * The bytes of frames stored into while no host mapping backed them (a host booted with {@code --vm none}); such a
     * frame's bytes stay here.
     */
    private final Map<Long, byte[]> unmapped = new HashMap<>();
    private VkernelProcess carrier;
    /** Per guest CPU: the frame its last refused {@link #access} asked for, or -1. */
    private final long[] refused;
    /** Guest accesses that trapped out for a host page fault. */
    long hostFaults;
    /** Virtual ns guest CPUs spent out of the guest waiting for those faults. */
    long hostFaultNanos;

    GuestMemory(PhysicalMemory hw, GuestMachine machine, int cpus) {
        this.hw = hw;
        this.machine = machine;
        this.refused = new long[cpus];
        Arrays.fill(refused, -1);
    }

    void carriedBy(VkernelProcess vk) {
        this.carrier = vk;
    }

    /** The host space and address the frame lives at, or null when no host mapping backs the guest (yet). */
    private VmSpace hostSpace() {
        VkernelProcess vk = carrier;
        return vk == null || vk.teardown != null ? null : vk.hostSpace();
    }

    private long hostVa(long frame) {
        return carrier.memBase() + frame * PAGE_SIZE;
    }

    @Override
    public boolean access(int cpu, long frame, boolean write) {
        VmSpace hs = hostSpace();
        if (hs == null || cpu < 0) {
            return true;
        }
        if (hs.access(machine.vcpu(cpu).hostCpu(), hostVa(frame), write) >= 0) {
            return true;
        }
        refused[cpu] = frame;
        return false;
    }

    /** The frame {@code cpu}'s last access was refused for, now taken, or -1: the guest then traps out for it. */
    long takeRefused(int cpu) {
        long f = refused[cpu];
        refused[cpu] = -1;
        return f;
    }

    @Override
    public void hostFault(int cpu, long frame, boolean write) {
        Vcpu v = machine.vcpu(cpu);
        long t0 = machine.engine().now();
        while (!access(cpu, frame, write)) {
            if (machine.engine().current() == null) {
                throw new IllegalStateException("guest frame " + frame + " needs a host fault outside a guest thread");
            }
            refused[cpu] = -1;
            hostFaults++;
            v.trapToHost(hostVa(frame), write);
        }
        hostFaultNanos += machine.engine().now() - t0;
    }

    @Override
    public void copy(int cpu, long frame, int inPage, byte[] buf, int off, int len, boolean store) {
        if (!store && !modelled.get((int) frame)) {
            Arrays.fill(buf, off, off + len, (byte) 0);
            return;
        }
        VmSpace hs = hostSpace();
        if (hs == null || unmapped.containsKey(frame)) {
            byte[] page = unmapped.computeIfAbsent(frame, f -> new byte[PAGE_SIZE]);
            if (store && !modelled.get((int) frame)) {
                Arrays.fill(page, (byte) 0);
                modelled.set((int) frame);
            }
            if (store) {
                System.arraycopy(buf, off, page, inPage, len);
            } else {
                System.arraycopy(page, inPage, buf, off, len);
            }
            return;
        }
        if (cpu < 0) {
            throw new IllegalStateException("guest frame " + frame + " copied outside every guest CPU");
        }
        hostFault(cpu, frame, store);
        int hostCpu = machine.vcpu(cpu).hostCpu();
        if (store && !modelled.get((int) frame)) {
            // the host page still holds what the frame's previous identity left: it becomes zeros and the bytes
            byte[] page = new byte[PAGE_SIZE];
            System.arraycopy(buf, off, page, inPage, len);
            hs.copy(hostCpu, hostVa(frame), page, 0, PAGE_SIZE, true);
            modelled.set((int) frame);
        } else {
            hs.copy(hostCpu, hostVa(frame) + inPage, buf, off, len, store);
        }
    }

    @Override
    public void zero(long frame) {
        modelled.clear((int) frame);
    }

    @Override
    public boolean modelled(long frame) {
        return modelled.get((int) frame);
    }

    @Override
    public int nodes() {
        return hw.nodes();
    }

    @Override
    public long totalFrames(int node) {
        return hw.totalFrames(node);
    }

    @Override
    public long freeFrames(int node) {
        return hw.freeFrames(node);
    }

    @Override
    public long allocate(int node) {
        return hw.allocate(node);
    }

    @Override
    public void free(long frame) {
        hw.free(frame);
    }

    @Override
    public int nodeOf(long frame) {
        return hw.nodeOf(frame);
    }
}
