package org.odonata.kern;

import org.odonata.api.apic.Vector;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.Engine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenLock;

/**
 * The LWKT per-CPU thread scheduler ({@code sys/kern/lwkt_thread.c}) and the simulated execution underneath it.
 * <p>
 * Every thread is an engine simulated thread and exactly one runs per CPU ({@link Globaldata#curthread}): a switch
 * charges {@code contextSwitch} on the CPU, hands the CPU to the chosen thread (sets its {@code go} flag and
 * unparks it) and parks the outgoing one; the incoming thread settles the CPU's debt when it resumes. Only the
 * owning CPU touches its run queue; other CPUs send IPI messages. IPIs and timer interrupts are handled in
 * interrupt context (an engine event on the CPU): inside a critical section they only set {@code gd_reqflags} bits,
 * processed at {@code crit_exit}. Device interrupts schedule an interrupt thread ({@link Interrupts}), which
 * preempts the running thread when {@link #preempt} allows. A compute burst, in user or kernel mode, is
 * preemptible: it parks until its end event or until an interrupt (in user mode also a reschedule request) cancels
 * the end event and resumes it early; the rest of the burst runs when it is scheduled again.
 * <p>
 * Simplifications: statclock is folded into hardclock; a device interrupt that arrives while the running thread
 * pays a short non-interruptible charge (a syscall's entry, a switch, a token spin's pause) is taken when that
 * charge is paid, at its next interrupt point ({@link #interruptPoint}).
 */
final class Lwkt {

    static final long HZ = 100;
    static final long SCHED_HZ = 50;
    /** Unsettled cycles a CPU may accumulate before a syscall exit turns them into virtual time (1 µs at 3 GHz). */
    static final long SETTLE_THRESHOLD = 3_000;

    private final SimKernel k;
    private final Engine engine;
    private final CostModel costs;

    long contextSwitches;
    long migrations;
    /** {@code lwkt.preempt_hit}/{@code preempt_miss}: preemptions made and refused. */
    long preemptHits;
    long preemptMisses;

    Lwkt(SimKernel k) {
        this.k = k;
        this.engine = k.engine;
        this.costs = k.machine.costs();
    }

    // ---- critical sections ------------------------------------------------------------------------------

    void critEnter(Td td) {
        td.critcount++;
    }

    /** {@code crit_exit}: on the 1→0 transition, processes what interrupts deferred ({@code splz}). */
    void critExit(Td td) {
        if (--td.critcount == 0 && (td.gd.reqflags & Globaldata.RQF_IDLECHECK_MASK) != 0) {
            splz(td.gd);
        }
    }

    /**
     * {@code splz}: runs what interrupts deferred. A pending device interrupt schedules its interrupt thread, which
     * preempts the current thread if that is now outside every critical section ({@code dofastunpend} →
     * {@code ithread_fast_handler}, {@code sys/platform/pc64/x86_64/ipl.s}).
     */
    private void splz(Globaldata gd) {
        while ((gd.reqflags & Globaldata.RQF_IDLECHECK_MASK) != 0) {
            int f = gd.reqflags;
            gd.reqflags &= ~Globaldata.RQF_IDLECHECK_MASK;
            if ((f & Globaldata.RQF_IPIQ) != 0) {
                k.ipiq.process(gd);
            }
            if ((f & Globaldata.RQF_TIMER) != 0) {
                k.timers.run(gd);
            }
            if ((f & Globaldata.RQF_INTPEND) != 0) {
                long pending = gd.ipending;
                gd.ipending = 0;
                for (long p = pending; p != 0; p &= p - 1) {
                    k.interrupts.schedIthd(gd, Long.numberOfTrailingZeros(p));
                }
            }
        }
        afterInterrupt(gd);
    }

    /**
     * Where a running thread takes the device interrupts that arrived while it could not: after a compute burst
     * was cut short, after a charge was paid, after a switch to it, after a halt. Outside a critical section they
     * run now, as if they had just arrived; inside one they wait for {@code crit_exit}.
     */
    void interruptPoint(Td td) {
        if (td.critcount == 0 && (td.gd.reqflags & Globaldata.RQF_IDLECHECK_MASK) != 0) {
            splz(td.gd);
        }
    }

    // ---- interrupts -------------------------------------------------------------------------------------

    /** The LAPIC handler of every CPU. */
    void interrupt(Globaldata gd, Vector vector) {
        int saved = k.handlerCpu;
        k.handlerCpu = gd.cpu;
        try {
            if (!vector.runsInCriticalSection() && gd.curthread.critcount > 0) {
                gd.reqflags |= vector == Vector.XIPIQ ? Globaldata.RQF_IPIQ
                        : vector == Vector.XTIMER ? Globaldata.RQF_TIMER : Globaldata.RQF_INTPEND;
                return;
            }
            switch (vector) {
                case XIPIQ -> k.ipiq.process(gd);
                case XTIMER -> k.timers.run(gd);
                case XINVLTLB -> {
                    if (k.vmHost != null) {
                        k.vmHost.invltlb(gd.cpu);
                    }
                }
                default -> { }
            }
            afterInterrupt(gd);
        } finally {
            k.handlerCpu = saved;
        }
    }

    /**
     * A device interrupt on {@code gd} ({@code apic_vector.s}): it becomes pending, as it does inside a critical
     * section; outside one, a compute burst is cut short so the thread takes it at once, and any other thread
     * takes it at its next interrupt point.
     */
    void deviceInterrupt(Globaldata gd, int irq) {
        gd.ipending |= 1L << irq;
        gd.reqflags |= Globaldata.RQF_INTPEND;
        Td cur = gd.curthread;
        if (cur.critcount == 0) {
            interruptBurst(cur);
        }
    }

    /** doreti's AST check: a wanted reschedule cuts user mode short. */
    private void afterInterrupt(Globaldata gd) {
        if ((gd.reqflags & (Globaldata.RQF_AST_LWKT_RESCHED | Globaldata.RQF_AST_USER_RESCHED)) != 0) {
            kick(gd.curthread);
        }
    }

    /** Ends a user-mode compute burst early so the thread reaches its reschedule check (an AST). */
    void kick(Td td) {
        if (!td.kernelCompute) {
            interruptBurst(td);
        }
    }

    /** A vkernel's guest CPU left its host CPU: the burst running on it stops here and waits to be run again. */
    void endBurst(Td td) {
        interruptBurst(td);
    }

    /** Ends a compute burst, in user or kernel mode, early: the thread resumes at this instant. */
    private void interruptBurst(Td td) {
        if (td.inCompute && !td.computeWake) {
            if (td.computeEnd != null) {
                td.computeEnd.cancel();
                td.computeEnd = null;
            }
            td.computeWake = true;
            td.sim.unpark();
        }
    }

    void needLwktResched(Globaldata gd) {
        gd.reqflags |= Globaldata.RQF_AST_LWKT_RESCHED;
        kick(gd.curthread);
    }

    // ---- clocks -----------------------------------------------------------------------------------------

    /**
     * hardclock (100 Hz) with statclock folded in: tick accounting, the passive-IPI poll, lwkt_schedulerclock's
     * round robin; once a second on CPU 0, the IPC hint of the thread running there is cleared ({@code kern_clock.c})
     * and {@code schedcpu} runs (simplification: in the clock interrupt rather than a callout).
     */
    void hardclock(Globaldata gd) {
        gd.ticks++;
        Td cur = gd.curthread;
        cur.ticks++;
        if (k.ipiq.pending(gd.cpu)) {
            k.ipiq.process(gd);
        }
        Td head = gd.runq.head();
        if (cur.isIdle() || !cur.onRunq) {
            if (head != null) {
                needLwktResched(gd);
            }
        } else if (head == cur) {
            if (gd.runq.rotate(cur)) {
                needLwktResched(gd);
            }
        } else {
            needLwktResched(gd);
        }
        if (gd.cpu == 0 && gd.ticks % HZ == 0) {
            cur.wakefromcpu = -1;
            k.usched.schedcpu();
        }
    }

    /**
     * schedclock (50 Hz): the user scheduler's tick, charged as {@code dfly_schedulerclock} charges it: to the LWP
     * whose thread is current here, in user or kernel mode alike, or which an interrupt thread preempted
     * ({@code lwkt_preempted_proc}); when the idle
     * thread is current because the designated LWP's tokens are contended, to that LWP, so a CPU spinning for its
     * LWP's token still ends its quantum and round-robins.
     */
    void schedclock(Globaldata gd) {
        Td cur = gd.curthread;
        Lwp running = preemptedProc(gd);
        if (cur.isIdle()) {
            Lwp designated = gd.uschedcp;
            running = designated != null && designated.td.contended > 0 ? designated : null;
        }
        k.usched.tick(gd.cpu, running);
        if (gd.cpu == 0) {
            k.watchdog.check(k.engine.now());
        }
    }

    /** {@code lwkt_preempted_proc}: the LWP of the current thread, looking through the threads it preempted. */
    private static Lwp preemptedProc(Globaldata gd) {
        Td td = gd.curthread;
        while (td.preempted != null) {
            td = td.preempted;
        }
        return td.lwp;
    }

    // ---- run queue --------------------------------------------------------------------------------------

    /** {@code lwkt_schedule} from CPU {@code me} (-1: the host thread): local enqueue, or an IPI to the owner. */
    void schedule(int me, Td td) {
        if (td.gd.cpu == me) {
            scheduleLocal(td.gd, td);
        } else {
            td.inTransit++;
            k.ipiq.send(me, td.gd.cpu, (g, a) -> {
                td.inTransit--;
                scheduleRemote(g, (Td) a);
            }, td, false);
        }
    }

    private void scheduleRemote(Globaldata gd, Td td) {
        if (td.gd != gd) {
            schedule(gd.cpu, td);
        } else {
            scheduleLocal(gd, td);
        }
    }

    /** Enqueues {@code td} on its own CPU {@code gd}; reaching the head requests a reschedule. */
    void scheduleLocal(Globaldata gd, Td td) {
        if (td.onRunq || td.exited || td.sleeping) {
            return;
        }
        gd.runq.insert(td);
        if (gd.curthread != td && gd.runq.head() == td) {
            needLwktResched(gd);
        }
    }

    void descheduleSelf(Td td) {
        if (td.onRunq) {
            td.gd.runq.remove(td);
        }
    }

    /**
     * {@code lwkt_setpri_self}: re-sorts the running thread and nothing more; losing the head asks for no reschedule
     * ({@code _lwkt_enqueue} asks only when the enqueued thread becomes the head), so it runs on until its next switch.
     */
    void setpriSelf(Td td, int pri) {
        if (td.pri == pri) {
            return;
        }
        td.pri = pri;
        if (td.onRunq) {
            td.gd.runq.remove(td);
            td.gd.runq.insert(td);
        }
    }

    /**
     * {@code lwkt_yield}: runs what interrupts deferred, then, only if an LWKT reschedule is wanted, goes behind its
     * equals and switches ("typically only yields once per tick").
     */
    void yield(Td td) {
        interruptPoint(td);
        if ((td.gd.reqflags & Globaldata.RQF_AST_LWKT_RESCHED) == 0) {
            return;
        }
        if (td.onRunq) {
            td.gd.runq.remove(td);
            td.gd.runq.insert(td);
        }
        lwktSwitch(td);
    }

    // ---- switching --------------------------------------------------------------------------------------

    /**
     * {@code lwkt_switch}: a blocking LWP drops its designation; every token is released; a thread that preempted
     * another switches straight back to it; otherwise the run queue is scanned from the head for the first thread
     * that holds no tokens or gets all of them back; failing that the idle thread runs and spins. Returns when this
     * thread is chosen again (on whatever CPU then owns it).
     */
    void lwktSwitch(Td td) {
        Globaldata gd = td.gd;
        if (gd.curthread != td) {
            throw new IllegalStateException(td + " switches but " + gd.curthread + " is current on cpu" + gd.cpu);
        }
        Lwp lp = td.lwp;
        if (lp != null && gd.uschedcp == lp) {
            if (!td.onRunq) {
                k.usched.releaseCurproc(gd, lp);
            } else if (td.kernelDepth > 0 && (gd.reqflags & Globaldata.RQF_AST_USER_RESCHED) != 0) {
                // lwkt_passive_release: a runnable LWP switching inside the kernel (a contended token) while a
                // user reschedule is wanted gives up its designation and finishes its kernel work at KERN_USER
                setpriSelf(td, Tdpri.KERN_USER);
                k.usched.releaseCurproc(gd, lp);
            }
        }
        td.critcount++;
        k.tokens.relAll(td);
        Td back = td.preempted;
        if (back != null) {
            // lwkt_switch: resume the preempted thread, which kept its tokens, whether or not it is runnable
            td.preempted = null;
            Td head = gd.runq.head();
            if (head != null && head != back) {
                needLwktResched(gd);
            }
            switchTo(gd, td, back);
        } else {
            gd.reqflags &= ~Globaldata.RQF_AST_LWKT_RESCHED;
            Td ntd = chooseNext(gd);
            if (ntd == null) {
                ntd = gd.idle;
            }
            if (ntd != td) {
                switchTo(gd, td, ntd);
            }
        }
        // splz_check: what arrived during the switch runs now, still inside the critical section, so nothing preempts
        if ((td.gd.reqflags & Globaldata.RQF_IDLECHECK_MASK) != 0) {
            splz(td.gd);
        }
        critExit(td);
    }

    /**
     * {@code lwkt_preempt} ({@code sys/kern/lwkt_thread.c}), offered by {@code _lwkt_schedule_post} when a
     * preemptable thread {@code ntd} was just scheduled on the current CPU: the current thread is preempted only if
     * preemption is enabled, {@code ntd} has a strictly higher {@code td_pri}, the current thread is outside every
     * critical section, {@code ntd} belongs to this CPU and holds no tokens, neither thread is already part of a
     * preemption, and {@code ntd} has not preempted another. The preempted thread keeps its tokens, stays where it
     * is on the run queue, and runs again as soon as {@code ntd} switches away.
     */
    void preempt(Globaldata gd, Td ntd) {
        Td td = gd.curthread;
        if (!k.sysctls.preemptEnable || ntd.pri <= td.pri || td.critcount > 0 || ntd.gd != gd || ntd.toksStop > 0
                || td == ntd || td.preemptLock || ntd.preemptLock || ntd.preempted != null) {
            preemptMisses++;
            return;
        }
        if (k.engine.current() != td.sim) {
            throw new IllegalStateException("preempting " + td + " from outside it");
        }
        preemptHits++;
        ntd.preempted = td;
        td.preemptLock = true;
        switchTo(gd, td, ntd);
        td.preemptLock = false;
    }

    /**
     * The choice of {@code lwkt_switch} ({@code sys/kern/lwkt_thread.c}): the head of the run queue, retried while
     * its {@code td_contended} stays below {@code lwkt.spin_loops / 2}, each attempt spinning on its last token; then
     * the rest of the queue in order, skipping tokenless threads below {@code TDPRI_KERN_LPSCHED} whose upri is worse
     * than the best seen; failing everything, null with an LWKT reschedule flagged, so the idle thread spins back
     * into {@code lwkt_switch} instead of halting.
     */
    private Td chooseNext(Globaldata gd) {
        Td ntd = gd.runq.head();
        if (ntd == null) {
            return null;
        }
        do {
            if (runnable(gd, ntd)) {
                return ntd;
            }
            ntd.contended++;
        } while (ntd.contended < (k.sysctls.spinLoops >> 1));
        int upri = ntd.upri;
        while ((ntd = ntd.rqNext) != null) {
            if (ntd.toksStop == 0 && ntd.pri < Tdpri.KERN_LPSCHED && upri > ntd.upri) {
                continue;
            }
            upri = Math.max(upri, ntd.upri);
            if (runnable(gd, ntd)) {
                return ntd;
            }
            ntd.contended++;
        }
        needLwktResched(gd);
        return null;
    }

    /** Whether {@code td} holds no tokens or got all of them back ({@code lwkt_getalltokens}). */
    private boolean runnable(Globaldata gd, Td td) {
        if (td.toksStop == 0 || k.tokens.getAll(gd, td)) {
            td.contended = 0;
            td.wmesg = "";
            return true;
        }
        return false;
    }

    private void switchTo(Globaldata gd, Td td, Td ntd) {
        gd.switches++;
        contextSwitches++;
        gd.hw.charge(costs.contextSwitch());
        gd.curthread = ntd;
        long now = engine.now();
        gd.account.enter(ntd.isIdle() ? CpuAccounting.Mode.IDLE : CpuAccounting.Mode.SYSTEM, now);
        if (k.trace != null) {
            k.trace.contextSwitch(gd.cpu, now, td.tid, td.name, ntd.tid, ntd.name);
        }
        Globaldata target = td.migrateTo;
        if (target != null) {
            // lwkt_switch_return on the old CPU sends lwkt_setcpu_remote once the thread is off it
            td.migrateTo = null;
            td.inTransit++;
            k.ipiq.send(gd.cpu, target.cpu, (g, a) -> {
                td.inTransit--;
                adopt(g, (Td) a);
            }, td, false);
        }
        ntd.go = true;
        ntd.sim.unpark();
        if (!td.exited) {
            waitGo(td);
        }
    }

    /**
     * Parks until another thread hands this one a CPU, then pays the CPU's outstanding cycles once they exceed
     * {@link #SETTLE_THRESHOLD} (so a switch usually costs one engine event, and virtual time lags the cycles
     * charged by at most the threshold).
     */
    void waitGo(Td td) {
        while (!td.go) {
            engine.park();
        }
        td.go = false;
        maybeSettle(td.gd);
        interruptPoint(td);
    }

    /** Pays the current thread's outstanding cycles, then takes the interrupts that arrived meanwhile. */
    void settle(Globaldata gd) {
        gd.hw.settle();
        gd.settledMark = gd.hw.cyclesCharged();
        interruptPoint(gd.curthread);
    }

    /** Turns accumulated charges into virtual time once they exceed {@link #SETTLE_THRESHOLD}. */
    void maybeSettle(Globaldata gd) {
        if (gd.hw.cyclesCharged() - gd.settledMark > SETTLE_THRESHOLD) {
            settle(gd);
        }
    }

    /** {@code lwkt_setcpu_self}: push migration of the calling thread to {@code target}. */
    void setcpuSelf(Td td, Globaldata target) {
        if (td.gd == target) {
            return;
        }
        Lwp lp = td.lwp;
        if (lp != null && td.gd.uschedcp == lp) {
            k.usched.releaseCurproc(td.gd, lp);
        }
        td.migrateTo = target;
        descheduleSelf(td);
        lwktSwitch(td);
    }

    private void adopt(Globaldata gd, Td td) {
        migrated(td, gd);
        scheduleLocal(gd, td);
    }

    /** Moves {@code td}, which runs nowhere, to CPU {@code gd} (the {@code td_gd} change of every migration). */
    void migrated(Td td, Globaldata gd) {
        if (k.trace != null) {
            k.trace.migration(engine.now(), td.tid, td.gd.cpu, gd.cpu);
        }
        td.gd = gd;
        migrations++;
    }

    /** The calling thread leaves for good: tokens dropped, off the run queue, the CPU handed on. */
    void exit(Td td) {
        Globaldata gd = td.gd;
        td.critcount++;
        k.tokens.relAll(td);
        for (int i = 0; i < td.toksStop; i++) {
            td.toks[i] = null;
        }
        td.toksStop = 0;
        descheduleSelf(td);
        td.exited = true;
        Td ntd = chooseNext(gd);
        switchTo(gd, td, ntd == null ? gd.idle : ntd);
    }

    // ---- execution --------------------------------------------------------------------------------------

    /**
     * The idle thread ({@code cpu_idle}, {@code pc64/machdep.c}): switches while anything is runnable, looping
     * straight back into {@code lwkt_switch} while every runnable thread's tokens are contended (its attempts spin),
     * and halts when nothing is runnable.
     */
    void idleLoop(Globaldata gd) {
        Td td = gd.idle;
        waitGo(td);
        critExit(td);
        while (true) {
            if (k.ipiq.pending(gd.cpu)) {
                critEnter(td);
                k.ipiq.process(gd);
                afterInterrupt(gd);
                critExit(td);
            }
            if (gd.runq.head() != null) {
                long before = gd.hw.cyclesCharged();
                lwktSwitch(td);
                // a pass that found only contended threads costs what its token attempts cost; one that cost nothing
                // (a token algorithm that charges nothing) costs a PAUSE, so that virtual time moves on
                if (gd.hw.cyclesCharged() == before) {
                    gd.hw.charge(TokenLock.PAUSE_CYCLES);
                }
                settle(gd);
                continue;
            }
            gd.halts++;
            gd.hw.halt();
            gd.settledMark = gd.hw.cyclesCharged();
            interruptPoint(td);
        }
    }

    /**
     * The user-return checks between two user-mode segments: the thread may switch or migrate, then pays what it
     * owes. Returns the CPU it is on, or null while a reschedule is still wanted (check again).
     */
    private Globaldata userReturn(Td td) {
        k.usched.userret(td);
        Globaldata gd = td.gd;
        settle(gd);
        return (gd.reqflags & (Globaldata.RQF_AST_LWKT_RESCHED | Globaldata.RQF_AST_USER_RESCHED)) != 0 ? null : gd;
    }

    /**
     * A user-mode compute burst of {@code cycles}: preemptible at any virtual instant by a reschedule request.
     * Between segments the thread passes its user-return checks, where it may switch or migrate.
     */
    void computeUser(Td td, long cycles) {
        long remaining = cycles;
        while (true) {
            Globaldata gd = userReturn(td);
            if (gd == null) {
                continue;
            }
            if (remaining <= 0) {
                return;
            }
            long ns = costs.nanos(remaining);
            if (ns == 0) {
                gd.hw.charge(remaining);
                gd.userCycles += remaining;
                remaining = 0;
                continue;
            }
            long start = engine.now();
            td.computeWake = false;
            td.inCompute = true;
            td.computeEnd = engine.after(ns, td.computeWaker);
            gd.account.enter(CpuAccounting.Mode.USER, start);
            while (!td.computeWake) {
                engine.park();
            }
            td.inCompute = false;
            gd.account.enter(CpuAccounting.Mode.SYSTEM, engine.now());
            long elapsed = engine.now() - start;
            long done = elapsed >= ns ? remaining : Math.min(remaining, cyclesOf(elapsed));
            remaining -= done;
            gd.userCycles += done;
            td.lwp.runtimeNanos += elapsed;
            interruptPoint(td);
        }
    }

    /**
     * A vCPU LWP runs its guest CPU in user mode ({@code vmspace_ctl(VMSPACE_CTL_RUN)}): as a compute burst without an
     * end, cut short by whatever cuts a user burst short (a reschedule request, an interrupt) or by the guest halting;
     * between runs it passes its user-return checks, where it may switch or migrate. Returns when the guest CPU has
     * nothing to run or a signal is pending.
     */
    void runGuest(Td td, Vcpu v) {
        while (true) {
            Globaldata gd = userReturn(td);
            if (gd == null) {
                continue;
            }
            if (!v.runnable() || v.hostFaultPending() || td.lwp.proc.killSignal != 0) {
                return;
            }
            long start = engine.now();
            td.computeWake = false;
            td.inCompute = true;
            td.computeEnd = null;
            gd.account.enter(CpuAccounting.Mode.USER, start);
            v.enter(gd.cpu, () -> interruptBurst(td));
            while (!td.computeWake) {
                engine.park();
            }
            v.exit();
            td.inCompute = false;
            gd.account.enter(CpuAccounting.Mode.SYSTEM, engine.now());
            long elapsed = engine.now() - start;
            gd.userCycles += cyclesOf(elapsed);
            td.lwp.runtimeNanos += elapsed;
            interruptPoint(td);
        }
    }

    /**
     * {@code cycles} of kernel-mode work by the current thread: an interrupt thread may preempt it at any virtual
     * instant, and the rest runs when the preempted thread resumes; reschedule requests wait, as in DragonFly, where
     * a thread in the kernel switches only when it blocks or yields.
     */
    void computeKernel(Td td, long cycles) {
        Globaldata gd = td.gd;
        settle(gd);
        long remaining = cycles;
        while (remaining > 0) {
            long ns = costs.nanos(remaining);
            if (ns == 0) {
                gd.hw.charge(remaining);
                return;
            }
            long start = engine.now();
            kernelBurst(td, ns);
            long elapsed = engine.now() - start;
            remaining -= elapsed >= ns ? remaining : Math.min(remaining, cyclesOf(elapsed));
            interruptPoint(td);
        }
    }

    /**
     * A kernel busy-wait of at most {@code nanos} (the {@code tsc_test_target} poll with {@code cpu_pause} of
     * {@code pipe_read} and {@code pipe_write}): the thread keeps its CPU until the deadline or until {@link #endSpin};
     * an interrupt thread may preempt it, and the wait goes on after, to the same deadline.
     * Simplified: the poll sees the other CPU's store that ends it at once, without the line's transfer.
     */
    void spinKernel(Td td, long nanos) {
        settle(td.gd);
        long deadline = Math.addExact(engine.now(), nanos);
        td.spinEnded = false;
        td.spinning = true;
        try {
            while (!td.spinEnded && engine.now() < deadline) {
                kernelBurst(td, deadline - engine.now());
                interruptPoint(td);
            }
        } finally {
            td.spinning = false;
        }
    }

    /** Runs in kernel mode for {@code ns} of virtual time, or less if an interrupt or {@link #endSpin} cuts it short. */
    private void kernelBurst(Td td, long ns) {
        td.computeWake = false;
        td.inCompute = true;
        td.kernelCompute = true;
        td.computeEnd = engine.after(ns, td.computeWaker);
        while (!td.computeWake) {
            engine.park();
        }
        td.inCompute = false;
        td.kernelCompute = false;
    }

    /** Ends {@code td}'s busy-wait now, if it is in one. */
    void endSpin(Td td) {
        if (td.spinning && !td.spinEnded) {
            td.spinEnded = true;
            interruptBurst(td);
        }
    }

    long cyclesOf(long nanos) {
        long f = costs.frequencyHz();
        return nanos / 1_000_000_000L * f + nanos % 1_000_000_000L * f / 1_000_000_000L;
    }

    // ---- cpusync ----------------------------------------------------------------------------------------

    /**
     * {@code lwkt_cpusync_quick}: runs {@code func} on every CPU in {@code cpus} (in interrupt context there) and
     * waits, spinning on an acknowledgement line, until all have run it. The quiesce stage of the full cpusync is
     * not modelled: a simulated interrupt handler cannot spin.
     */
    void cpusync(Td td, int[] cpus, java.util.function.IntConsumer func) {
        CacheLine ack = k.machine.coherence().allocate("cpusync", 0, 0);
        int me = td.gd.cpu;
        int expected = 0;
        for (int c : cpus) {
            if (c == me) {
                func.accept(c);
            } else {
                expected++;
                k.ipiq.send(me, c, (g, a) -> {
                    func.accept(g.cpu);
                    k.machine.coherence().fetchAdd(g.cpu, (CacheLine) a, 1);
                }, ack, false);
            }
        }
        long seen = k.machine.coherence().load(me, ack);
        while (seen < expected) {
            seen = k.machine.coherence().spinUntilChanged(me, ack, seen);
        }
        settle(td.gd);
    }
}
