package org.odonata.kern;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.odonata.api.apic.InterruptHandler;
import org.odonata.api.apic.Vector;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.engine.Engine;
import org.odonata.api.engine.SimThread;
import org.odonata.api.kern.CpuTimes;
import org.odonata.api.kern.Fault;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.KernelStats;
import org.odonata.api.kern.SwapReport;
import org.odonata.api.kern.Sysctl;
import org.odonata.api.kern.ThreadInfo;
import org.odonata.api.kern.ThreadState;
import org.odonata.api.kern.TraceSink;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.kern.Vkernel;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.machine.Machine;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.RootFs;
import org.odonata.api.vfs.Vfs;
import org.odonata.api.vfs.VfsFactory;
import org.odonata.api.vm.Vm;
import org.odonata.api.vm.VmFactory;
import org.odonata.api.vm.VmStats;

/**
 * A DragonFly-style kernel booted on one simulated machine: per-CPU globaldata with idle threads and systimer
 * queues (hardclock 100 Hz, schedclock 50 Hz), the LWKT scheduler ({@link Lwkt}), IPI message queues
 * ({@link IpiQueues}), tsleep/wakeup ({@link SleepQueues}), tokens ({@link Tokens}), the designated-thread
 * mechanics around the user scheduler ({@link Usched}), and processes with LWPs and system calls
 * ({@link SyscallLayer}). Files and pipes are the VFS's, a {@link VfsFactory} service the kernel is booted with; it
 * reaches the kernel through {@link KernelVfsHost}. Optionally a VM bundle's {@link Vm} behind {@link KernelVmHost}
 * gives every process an address space. Like the machine it is confined to the host thread that advances it.
 */
public final class SimKernel implements Kernel {

    final Machine machine;
    final Engine engine;
    final int ncpus;
    private final Globaldata[] gds;
    final IpiQueues ipiq;
    final Systimers timers;
    final SleepQueues sleepq;
    final Lwkt lwkt;
    final Sysctls sysctls = new Sysctls();
    final Tokens tokens;
    final SchedLocks schedLocks;
    final Usched usched;
    /** The VFS: files, pipes, descriptors, mounts. */
    final Vfs vfs;
    final Interrupts interrupts;
    final BioLayer bio;
    private final Kthreads kthreads = new Kthreads(this);
    /** The VM and what it was given, or null for a kernel booted without one. */
    final Vm vm;
    final KernelVmHost vmHost;

    private final Map<Long, Td> threads = new LinkedHashMap<>();
    private final Map<Long, Lwp> lwps = new LinkedHashMap<>();
    private final Map<Integer, Proc> procs = new LinkedHashMap<>();
    final FaultLog faultLog = new FaultLog(this);
    /** For a guest kernel: the vkernel process that carries it, which a death of the guest tears down; else null. */
    VkernelProcess carrier;
    /** What a system call or page fault of a guest process costs on top (the round trip through the host); 0 bare. */
    long vkernelTrapCycles;
    final Watchdog watchdog = new Watchdog(this);

    /** Where scheduling events go, or null; observes only, so nothing the simulation decides may read it. */
    TraceSink trace;
    /** The CPU whose interrupt handler runs now, or -1. */
    int handlerCpu = -1;
    private long nextTid = 1;
    private int nextPid = 1;
    private long nextIdent = 1;

    long syscalls;
    long forks;
    long exits;

    /**
     * Boots on {@code machine} with the given implementations, no VM, and a VFS from {@code vfsFactory} whose root is
     * {@code root}, mounted before virtual time starts; the user scheduler's spinlocks come from {@code locks}.
     *
     * @throws IllegalArgumentException when the root cannot be mounted (the message says why)
     */
    public SimKernel(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokenAlgorithm,
            LockFactory locks, VfsFactory vfsFactory, RootFs root) {
        this(machine, scheduler, tokenAlgorithm, locks, vfsFactory, root, null, null);
    }

    /**
     * Boots on {@code machine} with the given implementations, a VFS from {@code vfsFactory} whose root is
     * {@code root}, mounted before virtual time starts, and, unless {@code vmFactory} is null, a VM from it reclaiming
     * pages with {@code pageout}, swapping to the machine's disk {@code swap0} if it has one. The user scheduler's
     * spinlocks come from {@code locks}.
     *
     * @throws IllegalArgumentException when the root cannot be mounted (the message says why)
     */
    public SimKernel(Machine machine, UserSchedulerFactory scheduler, TokenAlgorithmFactory tokenAlgorithm,
            LockFactory locks, VfsFactory vfsFactory, RootFs root, VmFactory vmFactory, PageoutPolicyFactory pageout) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.engine = machine.engine();
        this.ncpus = machine.topology().cpuCount();
        this.gds = new Globaldata[ncpus];
        for (int c = 0; c < ncpus; c++) {
            gds[c] = new Globaldata(c, machine.cpu(c), engine.now());
        }
        this.ipiq = new IpiQueues(this);
        this.timers = new Systimers(engine, machine.lapic(), ncpus);
        this.sleepq = new SleepQueues(this);
        this.lwkt = new Lwkt(this);
        this.tokens = new Tokens(this, Objects.requireNonNull(tokenAlgorithm, "tokens"));
        this.schedLocks = new SchedLocks(this, locks);
        this.usched = new Usched(this, Objects.requireNonNull(scheduler, "scheduler"));
        this.interrupts = new Interrupts(this);
        long hardclock = 1_000_000_000L / Lwkt.HZ;
        long schedclock = 1_000_000_000L / Lwkt.SCHED_HZ;
        for (Globaldata gd : gds) {
            Td idle = new Td(this, nextTid++, "idle " + gd.cpu, null, gd, Tdpri.IDLE_THREAD);
            gd.idle = idle;
            gd.curthread = idle;
            idle.go = true;
            register(idle, engine.spawn(idle.name, contained(idle, () -> lwkt.idleLoop(gd))));
            InterruptHandler handler = new InterruptHandler() {
                @Override
                public void interrupt(int cpu, Vector vector) {
                    contained(null, () -> lwkt.interrupt(gds[cpu], vector)).run();
                }

                @Override
                public void device(int cpu, int irq) {
                    contained(null, () -> lwkt.deviceInterrupt(gds[cpu], irq)).run();
                }
            };
            if (machine instanceof GuestMachine guest) {
                guest.vcpu(gd.cpu).onGuestExit(() -> lwkt.endBurst(gd.curthread));
                handler = guest.vcpu(gd.cpu).atEntry(handler);
            }
            machine.lapic().setHandler(gd.cpu, handler);
            long now = engine.now();
            timers.add(gd, now + hardclock, hardclock, lwkt::hardclock);
            timers.add(gd, now + schedclock, schedclock, lwkt::schedclock);
        }
        this.bio = new BioLayer(this);
        usched.startHelpers();
        if (vmFactory == null) {
            this.vmHost = null;
            this.vm = null;
        } else {
            this.vmHost = new KernelVmHost(this);
            int swap = -1;
            for (int i = 0; i < machine.disks().size(); i++) {
                if (machine.disks().get(i).spec().name().equals("swap0")) {
                    swap = i;
                }
            }
            this.vm = vmFactory.create(vmHost, Objects.requireNonNull(pageout, "pageout"), swap);
        }
        this.vfs = Objects.requireNonNull(vfsFactory, "vfsFactory").create(new KernelVfsHost(this));
        vfs.mountRoot(Objects.requireNonNull(root, "root").type(), root.device(), true);
    }

    // ---- Kernel -------------------------------------------------------------------------------------------

    @Override
    public Machine machine() {
        return machine;
    }

    @Override
    public int spawn(String name, UserProgram program) {
        Objects.requireNonNull(program, "program");
        if (procs.size() >= maxproc()) {
            throw new IllegalStateException("cannot create process '" + name + "': " + procs.size()
                    + " processes exist, kern.maxproc is " + maxproc() + " (raise it with kern:sysctl kern.maxproc N "
                    + "or machine.sysctl in a spec)");
        }
        Proc p = newProc(name, null);
        p.files = vfs.newProcess(p.pid);
        if (vm != null) {
            p.vmspace = vm.vmspaceAlloc(p.pid);
        }
        Lwp lp = newLwp(p, name, program);
        usched.setrunqueueNew(lp, null);
        return p.pid;
    }

    @Override
    public void runFor(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot run for a negative time: " + nanos + " ns");
        }
        if (carrier != null && carrier.teardown != null) {
            throw new IllegalStateException("guest " + machine.name() + " was torn down: " + carrier.teardown);
        }
        SimKernel outer = KernelClock.enter(this);
        try {
            engine.runUntil(engine.now() + nanos);
        } finally {
            KernelClock.leave(outer);
        }
    }

    @Override
    public long now() {
        return engine.now();
    }

    @Override
    public List<ThreadInfo> threads() {
        List<ThreadInfo> list = new ArrayList<>(threads.size());
        for (Td td : threads.values()) {
            ThreadState state;
            if (td.lwp != null && td.lwp.zombie) {
                state = ThreadState.ZOMBIE;
            } else if (td.gd.curthread == td) {
                state = ThreadState.RUNNING;
            } else if (td.sleeping) {
                state = ThreadState.SLEEPING;
            } else {
                state = ThreadState.RUNNABLE;
            }
            list.add(new ThreadInfo(td.tid, td.lwp == null ? 0 : td.lwp.proc.pid, td.name, td.gd.cpu, state, td.pri,
                    td.upri, tokens.names(td), td.wmesg));
        }
        return list;
    }

    @Override
    public KernelStats stats() {
        return new KernelStats(lwkt.contextSwitches, ipiq.ipisSent, ipiq.ipisAvoided, ipiq.messages,
                sleepq.wakeups, lwkt.migrations, tokens.acquisitions, tokens.collisions, syscalls, forks, exits,
                usched.userReschedules);
    }

    @Override
    public List<LockStats> lockStats() {
        return tokens.stats();
    }

    @Override
    public List<LockStats> schedLockStats() {
        return schedLocks.stats();
    }

    @Override
    public List<CpuTimes> cpuTimes() {
        long now = engine.now();
        List<CpuTimes> list = new ArrayList<>(ncpus);
        for (Globaldata gd : gds) {
            list.add(gd.account.times(gd.cpu, now));
        }
        return list;
    }

    @Override
    public void setTraceSink(TraceSink sink) {
        trace = sink;
    }

    @Override
    public String scheduler() {
        return usched.name();
    }

    @Override
    public String tokens() {
        return tokens.name();
    }

    @Override
    public Vm vm() {
        return vm;
    }

    @Override
    public SwapReport swapScheduler(UserSchedulerFactory factory) {
        return usched.swap(Objects.requireNonNull(factory, "factory"));
    }

    @Override
    public SwapReport swapTokens(TokenAlgorithmFactory factory) {
        return tokens.swap(Objects.requireNonNull(factory, "factory"));
    }

    @Override
    public void setCpuOnline(int cpu, boolean online) {
        usched.setCpuOnline(checkedCpu(cpu), online);
    }

    @Override
    public boolean cpuOnline(int cpu) {
        return usched.online(checkedCpu(cpu));
    }

    int checkedCpu(int cpu) {
        if (cpu < 0 || cpu >= ncpus) {
            throw new IllegalArgumentException("no CPU " + cpu + ": this machine has CPUs 0.." + (ncpus - 1));
        }
        return cpu;
    }

    @Override
    public void setFallback(UserSchedulerFactory scheduler, TokenAlgorithmFactory tokenAlgorithm) {
        usched.fallback = scheduler;
        tokens.fallback = tokenAlgorithm;
    }

    @Override
    public List<Sysctl> sysctls() {
        return sysctls.all();
    }

    @Override
    public long sysctl(String name, long value) {
        return sysctls.set(Objects.requireNonNull(name, "name"), value);
    }

    @Override
    public List<String> faults() {
        return faultLog.all().stream().map(Fault::line).toList();
    }

    @Override
    public List<Fault> faultReports() {
        return faultLog.all();
    }

    @Override
    public void setFaultListener(Consumer<Fault> listener) {
        faultLog.setListener(listener);
    }

    @Override
    public String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        KernelStats s = stats();
        long[] values = {engine.now(), s.contextSwitches(), s.ipisSent(), s.ipisAvoided(), s.ipiMessages(),
            s.wakeups(), s.migrations(), s.tokenAcquisitions(), s.tokenCollisions(), s.syscalls(), s.forks(),
            s.exits(), s.userReschedules(), tokens.spinCycles(), procs.size(), threads.size()};
        for (long v : values) {
            update(sha, v);
        }
        for (Globaldata gd : gds) {
            update(sha, gd.switches);
            update(sha, gd.userCycles);
            update(sha, gd.halts);
            update(sha, gd.ticks);
            update(sha, gd.curthread.tid);
        }
        if (carrier != null) {
            update(sha, carrier.machine.guestMemory().hostFaults);
        }
        if (vm != null) {
            VmStats v = vm.stats();
            for (long x : new long[] {v.faults(), v.bypassFaults(), v.zeroFills(), v.cowFaults(), v.reactivations(),
                v.swapIns(), v.swapOuts(), v.segvs(), v.tlbMisses(), v.pageWalks(), v.shootdownIpis(), v.pagesFreed(),
                v.freePages(), v.cachePages(), v.residentPages(), v.wiredPages(), v.swapUsed()}) {
                update(sha, x);
            }
        }
        sha.update(machine.digest().getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    @Override
    public List<FsStat> mounts() {
        return vfs.mounts();
    }

    @Override
    public java.util.Map<String, Long> vfsStats() {
        return vfs.stats();
    }

    @Override
    public BlockIo blockIo() {
        return bio;
    }

    @Override
    public KernelThreads kthreads() {
        return kthreads;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        c.put("lwkt.preempt_hit", lwkt.preemptHits);
        c.put("lwkt.preempt_miss", lwkt.preemptMisses);
        c.put("intr.stray", interrupts.strays);
        interrupts.counts().forEach((irq, n) -> c.put("intr." + irq + ".count", n));
        c.put("bio.issued", bio.issued);
        c.put("bio.completed", bio.completed);
        if (carrier != null) {
            GuestMemory gm = carrier.machine.guestMemory();
            c.put("vkernel.host_faults", gm.hostFaults);
            c.put("vkernel.host_fault_ns", gm.hostFaultNanos);
            long deferred = 0;
            for (int i = 0; i < carrier.machine.vcpuCount(); i++) {
                deferred += carrier.machine.vcpu(i).deferredInterrupts;
            }
            c.put("vkernel.intr_deferred", deferred);
        }
        return c;
    }

    @Override
    public int processes() {
        return procs.size();
    }

    @Override
    public boolean kill(int pid, int signal) {
        Proc p = procs.get(pid);
        if (p == null || p.zombie) {
            return false;
        }
        killProcess(pid, signal, "kill from the shell");
        if (p.vkernel != null) {
            p.vkernel.wakeAll();
        }
        return true;
    }

    @Override
    public Vkernel vkernel() {
        VkernelProcess v = carrier;
        return v == null ? null : new Vkernel(v.host.machine.name(), v.pid,
                v.machine.vcpuCount(), machine.topology().memoryBytes(), v.hostNanos(), v.teardown);
    }

    @Override
    public void close() {
        if (carrier != null) {
            carrier.tearDown("closed");
        }
        machine.close();
    }

    // ---- invariants ---------------------------------------------------------------------------------------

    /**
     * Thread conservation: every live LWP is exactly one of designated, queued in the user scheduler, sleeping,
     * runnable in the kernel (on an LWKT run queue or running there), or a zombie; the scheduler's queue count
     * matches the core's record; each designation belongs to its CPU.
     *
     * @throws IllegalStateException naming the first violation
     */
    public void checkConservation() {
        int queued = 0;
        for (Lwp lp : lwps.values()) {
            Td td = lp.td;
            // a thread carried by an IPI message to its CPU's run queue, or pulled to a new CPU once it is off its old
            // one, counts as runnable in the kernel; a current thread off its run queue is switching out and counts
            // only as what it left as (queued, sleeping, a zombie)
            boolean running = td.onRunq || td.inTransit > 0 || td.migrateTo != null;
            boolean designated = td.gd.uschedcp == lp;
            boolean kernel = !designated && !lp.queued && !td.sleeping && !lp.zombie && running;
            int states = (designated ? 1 : 0) + (lp.queued ? 1 : 0) + (td.sleeping ? 1 : 0) + (lp.zombie ? 1 : 0)
                    + (kernel ? 1 : 0);
            if (states != 1) {
                throw new IllegalStateException(lp + " is in " + states + " states: designated=" + designated
                        + " queued=" + lp.queued + " sleeping=" + td.sleeping + " zombie=" + lp.zombie + " running="
                        + running);
            }
            if (designated && !running) {
                throw new IllegalStateException(lp + " is designated on cpu" + td.gd.cpu + " but not runnable");
            }
            if ((lp.queued || td.sleeping) && running) {
                throw new IllegalStateException(lp + " is queued or sleeping but on a run queue");
            }
            if (lp.queued) {
                queued++;
            }
        }
        for (Globaldata gd : gds) {
            if (gd.uschedcp != null && gd.uschedcp.td.gd != gd && gd.uschedcp.td.migrateTo != gd) {
                throw new IllegalStateException("cpu" + gd.cpu + " designates " + gd.uschedcp + " owned by cpu"
                        + gd.uschedcp.td.gd.cpu);
            }
        }
        int reported = usched.queued();
        if (reported != queued) {
            throw new IllegalStateException("scheduler '" + usched.name() + "' reports " + reported
                    + " queued LWPs, the core counts " + queued);
        }
        sleepq.checkCpumasks();
    }

    /** User-mode CPU time of a live LWP, in virtual ns (tests and experiments). */
    public long lwpRuntime(long tid) {
        Lwp lp = lwps.get(tid);
        return lp == null ? 0 : lp.runtimeNanos;
    }

    /** Whether a live LWP is queued in the user scheduler (tests). */
    boolean lwpQueued(long tid) {
        Lwp lp = lwps.get(tid);
        return lp != null && lp.queued;
    }

    // ---- processes ----------------------------------------------------------------------------------------

    int fork(Td parent, UserProgram program) {
        Proc pp = parent.lwp.proc;
        // sys/kern/kern_fork.c fork1(): a global limit on processes, zombies included (nprocs >= maxproc)
        if (procs.size() >= maxproc()) {
            return -SyscallLayer.EAGAIN;
        }
        Proc p = newProc(pp.name, pp);
        p.nice = pp.nice;
        p.files = pp.files.fork(p.pid);
        if (pp.vmspace != null) {
            p.vmspace = pp.vmspace.fork(parent.gd.cpu, p.pid);
        }
        Lwp lp = newLwp(p, parent.name, program);
        lp.schedClass = parent.lwp.schedClass;
        lp.schedLevel = parent.lwp.schedLevel;
        forks++;
        // kern_fork.c: the child's IPC hint is the parent's CPU; start_forked_proc queues it synchronously
        lp.td.wakefromcpu = parent.gd.cpu;
        usched.setrunqueueNew(lp, parent.lwp);
        return p.pid;
    }

    /** {@code kern.maxproc} in effect: as set, or derived from the machine's memory when it is 0. */
    int maxproc() {
        return sysctls.maxproc > 0 ? sysctls.maxproc : Sysctls.defaultMaxproc(machine.topology().memoryBytes());
    }

    /** Ends the calling LWP's process: descriptors closed, children orphaned, parent woken, CPU handed on. */
    void exit1(Td td, int status) {
        Lwp lp = td.lwp;
        Proc p = lp.proc;
        Globaldata gd = td.gd;
        gd.hw.charge(SyscallLayer.EXIT_CYCLES);
        if (p.lwps.size() > 1) {
            lwpExit(td);
            return;
        }
        p.files.exit();
        if (p.vmspace != null) {
            p.vmspace.exit(gd.cpu);
            p.vmspace = null;
        }
        lp.zombie = true;
        usched.exiting(gd, lp);
        p.zombie = true;
        p.status = status;
        exits++;
        for (Proc c : List.copyOf(p.children)) {
            c.parent = null;
            if (c.zombie) {
                reap(c);
            }
        }
        p.children.clear();
        if (p.parent == null) {
            reap(p);
        } else {
            sleepq.wakeup(gd.cpu, p.parent.waitIdent);
        }
        if (p.vkernel != null) {
            p.vkernel.hostProcessExited(status);
        }
        lwkt.exit(td);
    }

    /** {@code lwp_exit} (kern_exit.c): an LWP that is not its process's last leaves alone; the process lives on. */
    private void lwpExit(Td td) {
        Lwp lp = td.lwp;
        lp.zombie = true;
        usched.exiting(td.gd, lp);
        lp.proc.lwps.remove(lp);
        lwps.remove(td.tid);
        threads.remove(td.tid);
        lwkt.exit(td);
    }

    void reap(Proc p) {
        procs.remove(p.pid);
        if (p.parent != null) {
            p.parent.children.remove(p);
        }
        for (Lwp lp : p.lwps) {
            lwps.remove(lp.td.tid);
            threads.remove(lp.td.tid);
            unregister(lp.td.sim);
        }
    }

    private Proc newProc(String name, Proc parent) {
        Proc p = new Proc(nextPid++, name, newIdent());
        p.parent = parent;
        if (parent != null) {
            parent.children.add(p);
        }
        procs.put(p.pid, p);
        return p;
    }

    private Lwp newLwp(Proc p, String name, UserProgram program) {
        Lwp lp = new Lwp(p);
        Td td = new Td(this, nextTid++, name, lp, gds[0], Tdpri.KERN_USER);
        lp.td = td;
        lp.runnableSince = engine.now();
        p.lwps.add(lp);
        lwps.put(td.tid, lp);
        SyscallLayer sys = new SyscallLayer(this, td);
        register(td, engine.spawn(name, () -> lwpMain(td, sys, program)));
        return lp;
    }

    /** The body of every LWP: fork return in the kernel, then the program in user mode, then exit. */
    private void lwpMain(Td td, SyscallLayer sys, UserProgram program) {
        lwkt.waitGo(td);
        lwkt.critExit(td);
        try {
            usched.userret(td);
            program.main(sys);
            td.kernelDepth++;
            exit1(td, 0);
        } catch (SyscallLayer.ExitUnwind e) {
            // exit() already handed the CPU on
        } catch (RuntimeException | Error e) {
            faultLog.record("kern", "", "", td + " died: " + e, e);
            if (carrier == null) {
                throw e;
            }
            carrier.tearDown(td + " died: " + e);
        }
    }

    /**
     * {@code body} as a guest kernel runs it: what it throws tears the guest down, and the host goes on; on a bare
     * kernel {@code body} itself. {@code td} names the thread that died, or null for an interrupt handler.
     */
    private Runnable contained(Td td, Runnable body) {
        return () -> {
            if (carrier == null) {
                body.run();
                return;
            }
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                String who = td == null ? "an interrupt handler" : td.toString();
                faultLog.record("kern", "", "", who + " died: " + e, e);
                carrier.tearDown(who + " died: " + e);
            }
        };
    }

    /**
     * Creates a process with {@code n} LWPs ({@code lwp_create}), LWP {@code i} running {@code program.apply(i)}, that
     * carries the guest of {@code vk}; returns its pid.
     *
     * @throws IllegalStateException when {@code kern.maxproc} processes exist
     */
    int spawnLwps(String name, int n, java.util.function.IntFunction<UserProgram> program, VkernelProcess vk) {
        if (procs.size() >= maxproc()) {
            throw new IllegalStateException("cannot create process '" + name + "': " + procs.size()
                    + " processes exist, kern.maxproc is " + maxproc());
        }
        Proc p = newProc(name, null);
        p.files = vfs.newProcess(p.pid);
        if (vm != null) {
            p.vmspace = vm.vmspaceAlloc(p.pid);
        }
        p.vkernel = vk;
        for (int i = 0; i < n; i++) {
            Lwp lp = newLwp(p, name + "/vcpu" + i, program.apply(i));
            usched.setrunqueueNew(lp, null);
        }
        return p.pid;
    }

    /** A kernel thread (no LWP) owned by {@code gd}, not yet started. */
    Td newKernelThread(String name, Globaldata gd, int pri) {
        return new Td(this, nextTid++, name, null, gd, pri);
    }

    /**
     * Gives {@code td} its simulated thread: it waits to be scheduled, leaves the critical section every new thread
     * starts in, runs {@code body}, and exits when it returns.
     */
    void startKernelThread(Td td, Runnable body) {
        register(td, engine.spawn(td.name, () -> {
            lwkt.waitGo(td);
            lwkt.critExit(td);
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                faultLog.record("kern", "", "", td + " died: " + e, e);
                if (carrier == null) {
                    throw e;
                }
                carrier.tearDown(td + " died: " + e);
                return;
            }
            kthreadExit(td);
        }));
    }

    /** A kernel thread returned from its body: it leaves for good. */
    private void kthreadExit(Td td) {
        threads.remove(td.tid);
        unregister(td.sim);
        lwkt.exit(td);
    }

    /**
     * The thread of this kernel whose code runs now ({@code curthread}).
     *
     * @throws IllegalStateException naming {@code what} when no thread of this kernel is running
     */
    Td curthread(String what) {
        Td td = tdOf(engine.current());
        if (td == null || handlerCpu >= 0) {
            throw new IllegalStateException(what + " must be called from a thread of this kernel");
        }
        return td;
    }

    /** The live thread with id {@code tid}, or null. */
    Td thread(long tid) {
        return threads.get(tid);
    }

    private void register(Td td, SimThread sim) {
        td.sim = sim;
        threads.put(td.tid, td);
        sim.attach(td);
    }

    private void unregister(SimThread sim) {
        sim.attach(null);
    }

    /** The thread of this kernel that {@code s} runs, or null (also for a null {@code s}, or another kernel's). */
    private Td tdOf(SimThread s) {
        return s != null && s.attachment() instanceof Td td && td.kernel == this ? td : null;
    }

    /**
     * Marks a process to die of {@code signal} at its next return from the kernel or its next memory access (as
     * {@code killproc} posts a signal); {@code why} goes to the fault log.
     */
    boolean killProcess(int pid, int signal, String why) {
        Proc p = procs.get(pid);
        if (p != null && !p.zombie && p.killSignal == 0) {
            p.killSignal = signal;
            fault("kern", "pid " + pid + " (" + p.name + ") killed by signal " + signal + ": " + why);
            return true;
        }
        return false;
    }

    /** A signal kills the calling LWP's process: status 128 + signal, as a shell reports it. */
    void die(Td td, int signal) {
        exit1(td, 128 + signal);
        throw new SyscallLayer.ExitUnwind();
    }

    // ---- for the mechanisms -------------------------------------------------------------------------------

    /** The thread whose code runs now, or null on the host thread or in an interrupt handler's event. */
    Td curtd() {
        return tdOf(engine.current());
    }

    Globaldata gd(int cpu) {
        return gds[cpu];
    }

    /** The CPU whose code runs now: an interrupt handler's, the running thread's, or -1 on the host thread. */
    int mycpu() {
        if (handlerCpu >= 0) {
            return handlerCpu;
        }
        Td td = tdOf(engine.current());
        return td == null ? -1 : td.gd.cpu;
    }

    /** Records a fault that ejects nothing (a crashed or killed process) in the fault log. */
    void fault(String subsystem, String line) {
        faultLog.record(subsystem, "", "", line, null);
    }

    long newIdent() {
        return nextIdent++;
    }

    Collection<Td> allThreads() {
        return threads.values();
    }

    Collection<Lwp> allLwps() {
        return lwps.values();
    }


    private static void update(MessageDigest sha, long v) {
        for (int i = 0; i < Long.BYTES; i++) {
            sha.update((byte) (v >>> (8 * i)));
        }
    }
}
