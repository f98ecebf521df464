package org.odonata.kern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.apic.InterruptHandler;
import org.odonata.api.apic.Vector;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.SimThread;
import org.odonata.api.machine.Cpu;
import org.odonata.api.topology.CpuInfo;

/**
 * A guest CPU of a vkernel: the guest machine's CPU behind a gate that is open only while its vCPU LWP runs it on a
 * host CPU ({@code vmspace_ctl(VMSPACE_CTL_RUN)}, {@code kern/sys_vmm.c}). Guest code passes the gate at every
 * settle and halt, so guest time spent while the vCPU is off the host CPU waits there; a guest that halts ends the
 * host's run of it, as {@code cpu_idle} in {@code platform/vkernel64} makes the vCPU thread sleep in the host.
 * A guest access to memory the host paged out takes the vCPU out of the guest until the host has faulted it back in.
 * A guest interrupt (a timer, an IPI, a device) that arrives while the vCPU is off the host CPU wakes a halted guest
 * CPU at once but its handler runs when the vCPU next enters the guest, as the vkernel takes the signals that stand for
 * them ({@code SIGUSR1} for IPIs, {@code SIGALRM}/kqueue for timers) only when its vCPU thread runs.
 */
final class Vcpu implements Cpu {

    private final Cpu hw;
    private final Engine engine;
    /** Guest threads waiting at the gate for the vCPU to run. */
    private final List<SimThread> waiters = new ArrayList<>();
    /** Interrupt handlers due at the next entry, in arrival order. */
    private final ArrayDeque<Runnable> pendingInterrupts = new ArrayDeque<>();
    /** Interrupts that arrived while the vCPU was off the host CPU. */
    long deferredInterrupts;
    /** Asks the host to run this vCPU (wakes its LWP); set by the vkernel. */
    private Runnable wantCpu = () -> { };
    /** Cuts the guest's current burst short when the vCPU leaves the host CPU; set by the guest kernel. */
    private Runnable guestExit = () -> { };
    /** Ends the host's run of this vCPU (the guest halted); set while entered. */
    private Runnable hostExit;
    private boolean entered;
    private long enteredAt;
    /** The host CPU the vCPU LWP runs it on while entered (the last one otherwise). */
    private int hostCpu;
    /** The host address a guest access trapped out for ({@code << 1}, write in bit 0), or -1. */
    private long hostFault = -1;
    /** Host virtual time this vCPU ran, over all its entries. */
    private long ranNanos;
    private boolean halted;
    private boolean dead;

    Vcpu(Cpu hw, Engine engine) {
        this.hw = hw;
        this.engine = engine;
    }

    void onWantCpu(Runnable r) {
        wantCpu = r;
    }

    void onGuestExit(Runnable r) {
        guestExit = r;
    }

    /** Whether the guest has work for this vCPU: a thread running on it or waiting at the gate. */
    boolean runnable() {
        return !dead && (!halted || !waiters.isEmpty());
    }

    /**
     * The host's vCPU LWP starts running the guest CPU on host CPU {@code cpu}; {@code exit} ends that run when the
     * guest halts.
     */
    void enter(int cpu, Runnable exit) {
        entered = true;
        hostCpu = cpu;
        enteredAt = engine.now();
        hostExit = exit;
        if (!pendingInterrupts.isEmpty()) {
            // taken on entry, before the guest code resumes
            List<Runnable> due = List.copyOf(pendingInterrupts);
            pendingInterrupts.clear();
            engine.at(enteredAt, () -> due.forEach(this::take));
        }
        List<SimThread> go = List.copyOf(waiters);
        waiters.clear();
        go.forEach(SimThread::unpark);
    }

    /** The host's vCPU LWP stops running the guest CPU (preempted, or the guest halted). */
    void exit() {
        if (!entered) {
            return;
        }
        entered = false;
        ranNanos += engine.now() - enteredAt;
        hostExit = null;
        guestExit.run();
    }

    /** The guest kernel's interrupt handler for this CPU, run only while the vCPU runs the guest. */
    InterruptHandler atEntry(InterruptHandler h) {
        return new InterruptHandler() {
            @Override
            public void interrupt(int cpu, Vector vector) {
                take(() -> h.interrupt(cpu, vector));
            }

            @Override
            public void device(int cpu, int irq) {
                take(() -> h.device(cpu, irq));
            }
        };
    }

    /** Runs an interrupt's handler now if the vCPU runs the guest, else at its next entry. */
    private void take(Runnable handler) {
        if (entered) {
            handler.run();
        } else if (!dead) {
            pendingInterrupts.add(handler);
            deferredInterrupts++;
        }
    }

    /** The guest is torn down: its threads never pass the gate again. */
    void kill() {
        dead = true;
        pendingInterrupts.clear();
        if (entered) {
            Runnable r = hostExit;
            exit();
            r.run();
        }
    }

    /** A signal for the vCPU LWP: it leaves the guest now ({@code vmspace_ctl} returns to take it). */
    void interruptHost() {
        if (entered) {
            hostExit.run();
        }
    }

    int hostCpu() {
        return hostCpu;
    }

    /**
     * A guest access to a page the host does not have resident: the vCPU leaves the guest ({@code trap} in the host)
     * for the vCPU LWP to take the host's page fault at {@code hostVa}; returns when the vCPU runs the guest again.
     */
    void trapToHost(long hostVa, boolean write) {
        hostFault = hostVa << 1 | (write ? 1 : 0);
        if (entered) {
            Runnable r = hostExit;
            exit();
            r.run();
        }
        gate();
    }

    /** Whether a guest access waits for the host's page fault. */
    boolean hostFaultPending() {
        return hostFault >= 0;
    }

    /** The pending host fault's address ({@code << 1}, write in bit 0), now taken, or -1. */
    long takeHostFault() {
        long f = hostFault;
        hostFault = -1;
        return f;
    }

    long ranNanos() {
        return ranNanos + (entered ? engine.now() - enteredAt : 0);
    }

    /** Waits until the vCPU runs on a host CPU (forever once the guest is torn down). */
    private void gate() {
        SimThread self = engine.current();
        while (!entered && self != null) {
            waiters.add(self);
            if (!dead) {
                wantCpu.run();
            }
            engine.park();
            waiters.remove(self);
        }
    }

    @Override
    public int id() {
        return hw.id();
    }

    @Override
    public CpuInfo info() {
        return hw.info();
    }

    @Override
    public void charge(long cycles) {
        hw.charge(cycles);
    }

    @Override
    public void consume(long cycles) {
        charge(cycles);
        settle();
    }

    @Override
    public void settle() {
        hw.settle();
        gate();
    }

    @Override
    public long cyclesCharged() {
        return hw.cyclesCharged();
    }

    @Override
    public long rdtsc() {
        return hw.rdtsc();
    }

    @Override
    public void halt() {
        settle();
        halted = true;
        if (hostExit != null) {
            hostExit.run();
        }
        hw.halt();
        halted = false;
        gate();
    }

    @Override
    public boolean halted() {
        return hw.halted();
    }

    @Override
    public void stall(long nanos) {
        hw.stall(nanos);
    }

    @Override
    public String toString() {
        return "vcpu" + id();
    }
}
