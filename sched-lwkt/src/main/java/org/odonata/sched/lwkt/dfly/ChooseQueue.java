package org.odonata.sched.lwkt.dfly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.odonata.sched.lwkt.usched.Priorities;

/**
 * {@code dfly_choose_best_queue} and {@code dfly_choose_worst_queue}: descend the topology tree from the
 * root, at each level scoring every child node by the average load of its online CPUs adjusted by the weights,
 * and follow the lowest (best) or highest (worst) score down to one CPU.
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
     * the sum of those loads and its number of online CPUs, each as seen for an LWP that is neither queued nor
     * designated (every imported one); and how many CPUs have a designated LWP. Only the import's own queue
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
    private int importDesignated;
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
        int upri = Priorities.masked(sched.upri(cpu, null));
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
