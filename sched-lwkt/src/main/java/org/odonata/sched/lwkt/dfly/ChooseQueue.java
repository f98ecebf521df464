package org.odonata.sched.lwkt.dfly;

import org.odonata.sched.lwkt.usched.Priorities;

/**
 * {@code dfly_choose_best_queue} and {@code dfly_choose_worst_queue}: descend the topology tree from the
 * root, at each level scoring every child node by the average load of its online CPUs adjusted by the weights,
 * and follow the lowest (best) or highest (worst) score down to one CPU.
 * <p>
 * Cost: O(ncpus) per call (each level sums over the members of the node chosen above it).
 */
final class ChooseQueue {

    private final DflyScheduler sched;
    private final CpuNode root;
    private final DflyTunables tun;
    private final long totalMemory;

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
        int runnable = sched.runnable(s);
        int ncpus = sched.ncpus();
        CpuNode node = root;
        while (!node.leaf()) {
            CpuNode best = null;
            long bestScore = Long.MAX_VALUE;
            for (CpuNode child : node.children) {
                long load = 0;
                int count = 0;
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
