package org.odonata.tck.sched.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.UserScheduler;
import org.odonata.api.topology.Topology;

/**
 * Drives a scheduler through a seeded random sequence of everything the core can do (wakeups, blocks, exits,
 * forks, yields, ticks, reschedules, time passing, swaps to another scheduler, and optionally CPUs going offline
 * and back) and checks conservation after every step. Swaps go to a fresh instance of a randomly chosen kind, so
 * foreign state is exercised too.
 */
public final class ContractExercise {

    private static final SchedClass[] CLASSES = SchedClass.values();

    private ContractExercise() {
    }

    /** @return the core at the end, with every LWP still accounted for */
    public static SimCore run(Topology topology, long seed, int steps, List<Supplier<UserScheduler>> kinds) {
        return run(topology, seed, steps, kinds, false, true);
    }

    /**
     * @param offline whether CPUs also go offline and come back (never the last one)
     * @param swaps   whether the scheduler is swapped (for a fresh instance of one of {@code kinds})
     * @return the core at the end, with every LWP still accounted for
     */
    public static SimCore run(Topology topology, long seed, int steps, List<Supplier<UserScheduler>> kinds,
            boolean offline, boolean swaps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SimCore core = new SimCore(topology, kinds.get(0).get(), seed);
        int n = core.ncpus();
        for (int step = 0; step < steps; step++) {
            int op = rnd.nextInt(offline ? 13 : 12);
            switch (op) {
                case 0 -> {
                    if (core.lwps().size() < 6 * n + 8) {
                        long burst = rnd.nextBoolean() ? 0 : rnd.nextLong(1, 50) * 1_000_000L;
                        core.spawn("t", rnd.nextInt(-20, 21), CLASSES[rnd.nextInt(8) == 0 ? rnd.nextInt(3) : 1],
                                burst, rnd.nextLong(1, 3000) * 1_000_000L, rnd.nextInt(-1, n));
                    }
                }
                case 1 -> {
                    SimLwp t = pick(core, rnd, SimLwp.State.SLEEPING);
                    if (t != null) {
                        core.wake(t, rnd.nextInt(-1, n));
                    }
                }
                case 2 -> {
                    int cpu = busyCpu(core, rnd);
                    if (cpu >= 0) {
                        core.block(cpu);
                    }
                }
                case 3 -> core.tick(rnd.nextInt(n));
                case 4 -> core.reschedule(rnd.nextInt(n));
                case 5 -> {
                    if (rnd.nextInt(4) == 0) {
                        SimLwp t = pick(core, rnd, null);
                        if (t != null) {
                            core.exit(t);
                        }
                    }
                }
                case 6 -> {
                    int cpu = busyCpu(core, rnd);
                    if (cpu >= 0 && core.lwps().size() < 6 * n + 8) {
                        core.fork(cpu);
                    }
                }
                case 7 -> {
                    int cpu = busyCpu(core, rnd);
                    if (cpu >= 0) {
                        core.yield(cpu);
                    }
                }
                case 8 -> {
                    if (rnd.nextInt(8) == 0 && swaps) {
                        core.swap(kinds.get(rnd.nextInt(kinds.size())).get());
                    }
                }
                case 9 -> core.run(rnd.nextLong(1, 60) * 1_000_000L);
                case 12 -> {
                    int cpu = rnd.nextInt(n);
                    if (rnd.nextInt(3) == 0 && (!core.online(cpu) || core.onlineCount() > 1)) {
                        core.setOnline(cpu, !core.online(cpu));
                    }
                }
                default -> core.reschedulePending();
            }
            core.checkInvariants();
        }
        core.reschedulePending();
        core.checkInvariants();
        return core;
    }

    private static int busyCpu(SimCore core, SplittableRandom rnd) {
        int start = rnd.nextInt(core.ncpus());
        for (int i = 0; i < core.ncpus(); i++) {
            int cpu = (start + i) % core.ncpus();
            if (core.current(cpu) != null) {
                return cpu;
            }
        }
        return -1;
    }

    /** A random live LWP in {@code state}, or in any live state when {@code state} is null. */
    private static SimLwp pick(SimCore core, SplittableRandom rnd, SimLwp.State state) {
        List<SimLwp> candidates = new ArrayList<>();
        for (SimLwp t : core.lwps()) {
            if (state == null ? t.state() != SimLwp.State.EXITED : t.state() == state) {
                candidates.add(t);
            }
        }
        return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
    }
}
