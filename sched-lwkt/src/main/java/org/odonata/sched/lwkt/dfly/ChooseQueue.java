package org.odonata.sched.lwkt.dfly;

import org.odonata.sched.lwkt.usched.Priorities;

/**
 * {@code dfly_choose_best_queue} and {@code dfly_choose_worst_queue}: descend the topology tree from the
 * root, at each level scoring every child node by the average load of its online CPUs adjusted by the weights,
 * and follow the lowest (best) or highest (worst) score down to one CPU.
 * <p>
 * Cost: O(ncpus) per call (each level sums over the members of the node chosen above it). During an import
 * ({@link #beginImport}) the per-CPU inputs come from arrays kept current by {@link #queuedDuringImport}, so a
 * call is that many array reads instead of that many scheduler queries.
 */
final class ChooseQueue {

    private final DflyScheduler sched;
    private final CpuNode root;
    private final DflyTunables tun;
    private final long totalMemory;

    /**
     * Per-CPU inputs of {@link #best} frozen for an import, or null outside one: online, uload + weight3 ×
     * ucount, and the masked upri, each as seen for an LWP that is neither queued nor designated (every
     * imported one), plus how many CPUs have a designated LWP. Only the import's own queue insertions change
     * them: designations change only when the core calls pickNext, which a reschedule request merely asks for.
     */
    private boolean[] importOnline;
    private long[] importLoad;
    private int[] importUpri;
    private int importDesignated;
    private boolean importing;

    ChooseQueue(DflyScheduler sched, CpuNode root, DflyTunables tun) {
        this.sched = sched;
        this.root = root;
        this.tun = tun;
        this.totalMemory = Math.max(1, root.memoryBytes);
    }

    /**
     * The CPU whose queue {@code s} should join: the node holding its current CPU gets weight1, nodes whose
     * CPUs run worse threads (or none) get weight4, the node holding the waker gets weight2 (a bonus at package
     * and cache level; at an SMT core or the waker's own CPU a bonus only when the machine is loaded enough for
     * pairing to pay, else a penalty), and memory-rich nodes get weight5. {@code s} itself is left out of the
     * loads, so the score is as if it were not runnable yet. Ties go to the node holding its current CPU.
     */
    int best(DflyLwp s, int wakerCpu) {
        int home = s.qcpu;
        int pri = Priorities.masked(s.priority);
        int runnable = importing ? sched.queued() + importDesignated : sched.runnable(s);
        if (importing && importLoad == null && !root.leaf()) {
            freeze();
        }
        boolean frozen = importLoad != null;
        int ncpus = sched.ncpus();
        CpuNode node = root;
        while (!node.leaf()) {
            CpuNode best = null;
            long bestScore = Long.MAX_VALUE;
            for (CpuNode child : node.children) {
                long load = 0;
                int count = 0;
                if (frozen) {
                    for (int cpu : child.cpus) {
                        if (!importOnline[cpu]) {
                            continue;
                        }
                        load += importLoad[cpu];
                        if (importUpri[cpu] > pri) {
                            load -= tun.weight4();
                        }
                        count++;
                    }
                } else {
                    for (int cpu : child.cpus) {
                        if (!sched.online(cpu)) {
                            continue;
                        }
                        load += sched.uload(cpu, s) + (long) sched.ucount(cpu, s) * tun.weight3();
                        if (Priorities.masked(sched.upri(cpu, s)) > pri) {
                            load -= tun.weight4();
                        }
                        count++;
                    }
                }
                if (count == 0) {
                    continue;
                }
                long score = load / count;
                if (child.contains(home)) {
                    score -= tun.weight1();
                }
                score -= tun.weight5() * child.memoryBytes / totalMemory;
                if (child.contains(wakerCpu)) {
                    boolean pair = child.leaf() ? DflyTunables.pairing(tun.ipcSame(), runnable, ncpus)
                            : !child.smtCore || DflyTunables.pairing(tun.ipcSmt(), runnable, ncpus / 2);
                    score += pair ? -tun.weight2() : tun.weight2();
                }
                if (best == null || score < bestScore || (score == bestScore && child.contains(home))) {
                    best = child;
                    bestScore = score;
                }
            }
            if (best == null) {
                return sched.online(home) ? home : sched.firstOnline();
            }
            node = best;
        }
        return node.cpu();
    }

    /**
     * Starts an import: until {@link #endImport}, every {@link #best} call is for an LWP that is neither queued
     * nor designated, and every LWP the import queues is reported to {@link #queuedDuringImport}.
     */
    void beginImport() {
        importing = true;
        importDesignated = 0;
        for (int cpu = 0; cpu < sched.ncpus(); cpu++) {
            if (sched.designated(cpu)) {
                importDesignated++;
            }
        }
    }

    void endImport() {
        importing = false;
        importOnline = null;
        importLoad = null;
        importUpri = null;
    }

    /** {@code cpu}'s queue gained an LWP during the import. */
    void queuedDuringImport(int cpu) {
        if (importLoad != null) {
            sample(cpu);
        }
    }

    /**
     * Takes the per-CPU inputs, visiting the CPUs in the order the root level of {@link #best} does: reading a
     * designated LWP's load creates dfly's state for it, and that must happen when and in the order it would.
     */
    private void freeze() {
        int n = sched.ncpus();
        importOnline = new boolean[n];
        importLoad = new long[n];
        importUpri = new int[n];
        for (CpuNode child : root.children) {
            for (int cpu : child.cpus) {
                sample(cpu);
            }
        }
    }

    private void sample(int cpu) {
        importOnline[cpu] = sched.online(cpu);
        if (importOnline[cpu]) {
            importLoad[cpu] = sched.uload(cpu, null) + (long) sched.ucount(cpu, null) * tun.weight3();
            importUpri[cpu] = Priorities.masked(sched.upri(cpu, null));
        }
    }

    /**
     * The most loaded CPU, other than {@code self}, that has LWPs waiting in its queues, or -1: nodes are scored
     * by average uload + weight3 per runnable thread, the node holding {@code self} gets weight1 added (stealing
     * nearby is cheaper), and only nodes with something to steal compete.
     */
    int worst(int self) {
        CpuNode node = root;
        while (!node.leaf()) {
            CpuNode worst = null;
            long worstScore = Long.MIN_VALUE;
            for (CpuNode child : node.children) {
                long load = 0;
                int count = 0;
                boolean stealable = false;
                for (int cpu : child.cpus) {
                    if (!sched.online(cpu)) {
                        continue;
                    }
                    load += sched.uload(cpu, null) + (long) sched.ucount(cpu, null) * tun.weight3();
                    stealable |= cpu != self && sched.queuedOn(cpu) > 0;
                    count++;
                }
                if (!stealable) {
                    continue;
                }
                long score = load / count;
                if (child.contains(self)) {
                    score += tun.weight1();
                }
                if (worst == null || score > worstScore) {
                    worst = child;
                    worstScore = score;
                }
            }
            if (worst == null) {
                return -1;
            }
            node = worst;
        }
        return node.cpu() == self ? -1 : node.cpu();
    }
}
