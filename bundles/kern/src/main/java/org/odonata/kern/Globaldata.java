package org.odonata.kern;

import org.odonata.api.machine.Cpu;

/** Per-CPU state ({@code struct globaldata}, {@code sys/sys/globaldata.h}). Only its own CPU changes it. */
final class Globaldata {

    static final int RQF_IPIQ = 0x1;
    static final int RQF_INTPEND = 0x2;
    static final int RQF_AST_USER_RESCHED = 0x10;
    static final int RQF_AST_LWKT_RESCHED = 0x20;
    static final int RQF_TIMER = 0x80;
    /** What crit_exit must look at ({@code RQF_IDLECHECK_MASK} without KQUEUE). */
    static final int RQF_IDLECHECK_MASK = RQF_IPIQ | RQF_INTPEND | RQF_TIMER;

    final int cpu;
    final Cpu hw;
    /** {@code gd_tdrunq}. */
    final RunQueue runq = new RunQueue();
    /** {@code gd_reqflags}. */
    int reqflags;
    /**
     * {@code gd_ipending}: device interrupts (bit = irq) taken while the current thread was in a critical section
     * or between interrupt points; {@code RQF_INTPEND} is set while any is.
     */
    long ipending;
    Td curthread;
    Td idle;
    /** The designated user LWP ({@code dfly_pcpu[cpu].uschedcp}), or null. */
    Lwp uschedcp;
    /** lwkt_switch found runnable threads whose tokens were all contended: idle spins instead of halting. */
    boolean idleSpin;
    int spinBackoff;

    // counters
    long switches;
    long userCycles;
    long halts;
    long ticks;
    /** cyclesCharged() at the last settle: what the CPU owes in virtual time is the difference. */
    long settledMark;

    /** Where this CPU's virtual time went, by mode. */
    final CpuAccounting account;

    Globaldata(int cpu, Cpu hw, long bootTime) {
        this.cpu = cpu;
        this.hw = hw;
        this.account = new CpuAccounting(bootTime);
    }
}
