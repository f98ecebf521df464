package org.odonata.sched.lwkt.dfly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.odonata.sched.lwkt.usched.Priorities;

/**
 * {@code dfly_choose_best_queue} and {@code dfly_choose_worst_queue} ({@code sys/kern/usched_dfly.c}): descend the
 * topology tree from the root, at each level scoring every child node by the average load of its online CPUs
 * adjusted by the weights, and follow the lowest (best) or highest (worst) score down to one CPU.
 * <p>
 * Cost: O(ncpus) per call (each level sums over the members of the node chosen above it). During an import
 * ({@link #beginImport}) the loads come from per-node sums kept current by {@link #queuedDuringImport}, so a call
 * only counts, per node it scores, the CPUs running worse threads: no scheduler queries.
 */
final class ChooseQueue {

    private final DflyScheduler sched;
    private final CpuNode root;
    private final DflyTunables tun;
    private final long totalMemory;

    /** Every node in preorder ({@link CpuNode#index}), and for each CPU the indices of the nodes holding it. */
    private final CpuNode[] nodes;
    private final int[][] holders;
    /** Each node's children by index, as arrays: best() walks them for every LWP placed. */
    private final CpuNode[][] children;
    /** weight5's bonus for each node's share of the machine's memory. */
    private final long[] memoryBonus;

    /**
     * The inputs of {@link #best} frozen for an import, or null outside one: per online CPU its uload + weight3 ×
     * ucount and its masked upri ({@link Integer#MIN_VALUE} when offline, so it never counts as worse), per node
     * the sum of those loads and its number of online CPUs, each as seen for an LWP that is not counted anywhere
     * (every imported one: exports uncount them). Only the import's own queue
     * insertions change them: designations change only when the core calls pickNext, which a reschedule request
     * merely asks for.
     */
    private long[] importLoad;
    private int[] importUpri;
    private long[] importNodeLoad;
    private int[] importNodeOnline;
    /**
     * Per node, how many of its CPUs run a thread worse than priority {@code importWorsePri}: imported LWPs
     * mostly share a few priorities, so the count is reused until the priority asked for or a member's upri
     * changes ({@link Integer#MIN_VALUE}: not counted yet).
     */
    private int[] importWorsePri;
    private int[] importWorse;
    private boolean importing;

    ChooseQueue(DflyScheduler sched, CpuNode root, DflyTunables tun) {
        this.sched = sched;
        this.root = root;
        this.tun = tun;
        this.totalMemory = Math.max(1, root.memoryBytes);
        List<CpuNode> preorder = new ArrayList<>();
        collect(root, preorder);
        this.nodes = preorder.toArray(new CpuNode[0]);
        this.memoryBonus = new long[nodes.length];
        this.children = new CpuNode[nodes.length][];
        int[] depth = new int[sched.ncpus()];
        for (CpuNode n : nodes) {
            memoryBonus[n.index] = tun.weight5() * n.memoryBytes / totalMemory;
            children[n.index] = n.children.toArray(new CpuNode[0]);
            for (int cpu : n.cpus) {
                depth[cpu]++;
            }
        }
        this.holders = new int[depth.length][];
        for (int cpu = 0; cpu < depth.length; cpu++) {
            holders[cpu] = new int[depth[cpu]];
            depth[cpu] = 0;
        }
        for (CpuNode n : nodes) {
            for (int cpu : n.cpus) {
                holders[cpu][depth[cpu]++] = n.index;
            }
        }
    }

    private static void collect(CpuNode node, List<CpuNode> out) {
        node.index = out.size();
        out.add(node);
        for (CpuNode child : node.children) {
            collect(child, out);
        }
    }

    /**
     * {@code dfly_choose_best_queue}: the CPU whose queue {@code s} should join. Per CPU, its uload plus weight3 per
     * counted LWP, less weight4 if it runs a worse thread (or none), with {@code s}'s own load left out; averaged per
     * node; the node holding {@code s}'s CPU gets weight1, memory-rich nodes weight5, and the node holding the waker's
     * CPU weight2 as a bonus at every level (a penalty only at an SMT core with {@code ipc_smt} 0, or at the waker's
     * own CPU with {@code ipc_same} 0: see {@link DflyTunables#pairs}). Ties go to the node holding {@code s}'s CPU.
     */
    int best(DflyLwp s, int wakerCpu) {
        int home = s.qcpu;
        int pri = Priorities.masked(s.priority);
        if (importing && importLoad == null && !root.leaf()) {
            freeze();
        }
        boolean frozen = importLoad != null;
        CpuNode node = root;
        while (!node.leaf()) {
            CpuNode best = null;
            long bestScore = Long.MAX_VALUE;
            for (CpuNode child : children[node.index]) {
                long load = 0;
                int count = 0;
                if (frozen) {
                    count = importNodeOnline[child.index];
                    if (count > 0) {
                        load = importNodeLoad[child.index] - (long) worseThan(child, pri) * tun.weight4();
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
                score -= memoryBonus[child.index];
                if (child.contains(wakerCpu)) {
                    boolean pair = child.leaf() ? DflyTunables.pairs(tun.ipcSame())
                            : !child.smtCore || DflyTunables.pairs(tun.ipcSmt());
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
    }

    void endImport() {
        importing = false;
        importLoad = null;
        importUpri = null;
        importNodeLoad = null;
        importNodeOnline = null;
        importWorsePri = null;
        importWorse = null;
    }

    /** {@code cpu}'s queue gained an LWP during the import. */
    void queuedDuringImport(int cpu) {
        if (importLoad != null && sched.online(cpu)) {
            sample(cpu);
        }
    }

    /**
     * Takes the inputs, visiting the CPUs in the order the root level of {@link #best} does: reading a designated
     * LWP's load creates dfly's state for it, and that must happen when and in the order it would.
     */
    private void freeze() {
        int n = holders.length;
        importLoad = new long[n];
        importUpri = new int[n];
        Arrays.fill(importUpri, Integer.MIN_VALUE);
        importNodeLoad = new long[nodes.length];
        importNodeOnline = new int[nodes.length];
        importWorsePri = new int[nodes.length];
        Arrays.fill(importWorsePri, Integer.MIN_VALUE);
        importWorse = new int[nodes.length];
        for (CpuNode child : root.children) {
            for (int cpu : child.cpus) {
                if (sched.online(cpu)) {
                    for (int node : holders[cpu]) {
                        importNodeOnline[node]++;
                    }
                    sample(cpu);
                }
            }
        }
    }

    /** Re-reads online {@code cpu}'s load and upri, carrying the change of load into every node holding it. */
    private void sample(int cpu) {
        long load = sched.uload(cpu, null) + (long) sched.ucount(cpu, null) * tun.weight3();
        long delta = load - importLoad[cpu];
        importLoad[cpu] = load;
        int upri = Priorities.masked(sched.upri(cpu));
        boolean upriChanged = upri != importUpri[cpu];
        importUpri[cpu] = upri;
        for (int node : holders[cpu]) {
            importNodeLoad[node] += delta;
            if (upriChanged) {
                importWorsePri[node] = Integer.MIN_VALUE;
            }
        }
    }

    /** How many online CPUs of {@code node} run a thread worse than {@code pri} (or none), during an import. */
    private int worseThan(CpuNode node, int pri) {
        if (importWorsePri[node.index] != pri) {
            int worse = 0;
            for (int cpu : node.cpus) {
                if (importUpri[cpu] > pri) {
                    worse++;
                }
            }
            importWorsePri[node.index] = pri;
            importWorse[node.index] = worse;
        }
        return importWorse[node.index];
    }

    /**
     * {@code dfly_choose_worst_queue}: the most loaded CPU to pull from, or -1 when that is {@code self}. Nodes are
     * scored by the average of uload plus weight3 per counted LWP, plus weight1/2 for the node holding {@code self}
     * unless {@code forceit} (the rover's call), less the memory bonus; a node with LWPs waiting in its queues
     * replaces the one chosen so far when its score is higher, or when it has at least as many waiting, as the
     * 2020 code's tests do in node order.
     */
    int worst(int self, boolean forceit) {
        CpuNode node = root;
        while (!node.leaf()) {
            CpuNode worst = null;
            long highestLoad = Long.MIN_VALUE;
            int highestRunq = 0;
            for (CpuNode child : children[node.index]) {
                long load = 0;
                int count = 0;
                int runq = 0;
                for (int cpu : child.cpus) {
                    if (!sched.online(cpu)) {
                        continue;
                    }
                    load += sched.uload(cpu, null) + (long) sched.ucount(cpu, null) * tun.weight3();
                    runq += sched.queuedOn(cpu);
                    count++;
                }
                if (count == 0) {
                    continue;
                }
                load /= count;
                if (!forceit && child.contains(self)) {
                    load += tun.weight1() / 2;
                }
                load -= memoryBonus[child.index];
                if (worst == null
                        || runq > 0 && (highestLoad < load || highestLoad == load && child.contains(self))
                        || runq > 0 && highestRunq < runq + 1) {
                    highestLoad = load;
                    highestRunq = runq;
                    worst = child;
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
