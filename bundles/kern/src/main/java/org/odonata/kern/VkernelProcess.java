package org.odonata.kern;

import org.odonata.api.apic.InterruptHandler;
import org.odonata.api.cost.CostModel;
import org.odonata.api.vm.VmSpace;

/**
 * A guest kernel run as a vkernel ({@code platform/vkernel64}): a host process named {@code vkernel} whose LWPs are
 * the guest's vCPU threads. Each vCPU LWP loops as the vkernel's {@code cpu_idle}/{@code vmspace_ctl} loop does: while
 * the guest has work for its CPU it runs it ({@link SyscallLayer#vmspaceCtlRun}), otherwise it sleeps in the host
 * until a guest interrupt wakes the guest CPU. Host scheduling, preemption and host load therefore decide when the
 * guest advances. A guest that dies, or whose host process is killed, is torn down: its CPUs never run again, the
 * host process exits (its memory freed), and both kernels' fault logs say why.
 * A guest process's system call or page fault traps out to the vkernel and back in ({@code vkernel_trap}, then
 * {@code vmspace_ctl} again): {@link #trapCycles} more on the guest CPU, which is host CPU time.
 * The guest's memory is an anonymous mapping of this process ({@link GuestMemory}): host memory pressure pages guest
 * frames out, and a guest access to one takes the host's page fault ({@link SyscallLayer#vkernelHostFault}).
 * Simplification: no guest page tables through {@code vmspace_ctl}; a fixed world-switch cost per entry.
 * Simplification: the guest kernel's own code also runs inside the vCPU's run, not as the vkernel process's user code.
 */
final class VkernelProcess {

    /**
     * Host cycles of one world switch ({@code sys_vmspace_ctl} or {@code vkernel_trap}, {@code kern/sys_vmm.c}: the
     * frames copied and the LWP's vmspace switched by {@code pmap_setlwpvm}).
     */
    static final long WORLD_SWITCH_CYCLES = 1_500;
    /** SIGKILL. */
    static final int SIGKILL = 9;

    final SimKernel host;
    final GuestMachine machine;
    SimKernel guest;
    int pid = -1;
    private final long[] idents;
    String teardown;
    /** Where the guest's memory is mapped in the host process, or 0 (not yet, or a host without a VM). */
    private long memBase;
    /** The host process's address space, once the guest's memory is mapped in it. */
    private VmSpace hostSpace;
    private boolean mapStarted;

    VkernelProcess(SimKernel host, GuestMachine machine) {
        this.host = host;
        this.machine = machine;
        this.idents = new long[machine.vcpuCount()];
        machine.guestMemory().carriedBy(this);
        for (int i = 0; i < idents.length; i++) {
            long ident = host.newIdent();
            idents[i] = ident;
            machine.vcpu(i).onWantCpu(() -> host.sleepq.wakeup(-1, ident));
        }
    }

    /** A guest trap's round trip: out to the vkernel, a host system call ({@code vmspace_ctl}), back in. */
    static long trapCycles(CostModel hostCosts) {
        return 2 * WORLD_SWITCH_CYCLES + hostCosts.syscallEntry() + hostCosts.syscallExit();
    }

    /** Creates the host process whose LWPs run the guest's CPUs; the guest kernel must be booted. */
    void start(SimKernel guestKernel) {
        this.guest = guestKernel;
        pid = host.spawnLwps("vkernel", idents.length, i -> sys -> vcpuMain((SyscallLayer) sys, i), this);
    }

    private void vcpuMain(SyscallLayer sys, int i) {
        Vcpu v = machine.vcpu(i);
        if (host.vm != null && !mapStarted) {
            mapStarted = true;
            mapGuestMemory(sys);
        }
        while (true) {
            long fault = v.takeHostFault();
            if (fault >= 0) {
                sys.vkernelHostFault(v, fault >>> 1, (fault & 1) != 0);
            } else if (v.runnable()) {
                sys.vmspaceCtlRun(v);
            } else {
                sys.vcpuSleep(v, idents[i]);
            }
        }
    }

    /**
     * The vkernel maps the guest's memory as anonymous memory of its process ({@code vkernel}'s {@code init_kern_memory}
     * maps its memory image the same way); a host that refuses it (RLIMIT_AS, no room) tears the guest down.
     */
    private void mapGuestMemory(SyscallLayer sys) {
        long bytes = machine.topology().memoryBytes();
        long a = sys.mmap(0, bytes, VmSpace.PROT_READ | VmSpace.PROT_WRITE, VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE,
                -1, 0);
        if (a < 0) {
            tearDown("the host refused its " + bytes + "-byte guest memory mapping: errno " + -a);
        } else {
            memBase = a;
            hostSpace = sys.space();
        }
    }

    long memBase() {
        return memBase;
    }

    /** The host process's address space holding the guest's memory, or null before it is mapped. */
    VmSpace hostSpace() {
        return hostSpace;
    }

    /** The host process's last LWP exited: whatever the reason, the guest cannot run on. */
    void hostProcessExited(int status) {
        tearDown("its host process " + pid + " exited with status " + status);
    }

    /**
     * Stops the guest for good: its CPUs never run again, its interrupts are ignored, and its host process is killed
     * (every vCPU LWP woken to take the signal). Idempotent.
     */
    void tearDown(String why) {
        if (teardown != null) {
            return;
        }
        teardown = why;
        for (int i = 0; i < machine.vcpuCount(); i++) {
            machine.vcpu(i).kill();
            machine.lapic().setHandler(i, (InterruptHandler) null);
        }
        String name = guest == null ? machine.name() : guest.machine.name();
        host.fault("vkernel", "guest " + name + " (pid " + pid + ") torn down: " + why);
        if (guest != null) {
            guest.fault("vkernel", "torn down: " + why);
        }
        if (pid > 0) {
            host.killProcess(pid, SIGKILL, "vkernel " + name + " torn down");
            wakeAll();
        }
    }

    /** Brings every vCPU LWP back to the host kernel, running or sleeping, to take a signal. */
    void wakeAll() {
        for (int i = 0; i < idents.length; i++) {
            machine.vcpu(i).interruptHost();
            host.sleepq.wakeup(-1, idents[i]);
        }
    }

    /** Host CPU time the vCPU LWPs spent running the guest, in virtual ns. */
    long hostNanos() {
        long sum = 0;
        for (int i = 0; i < idents.length; i++) {
            sum += machine.vcpu(i).ranNanos();
        }
        return sum;
    }
}
