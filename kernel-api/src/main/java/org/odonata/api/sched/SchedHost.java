package org.odonata.api.sched;

import java.util.random.RandomGenerator;

import org.odonata.api.cost.CostModel;
import org.odonata.api.topology.Topology;
import org.osgi.annotation.versioning.ProviderType;

/** What the kernel core offers a user scheduler: the machine's shape, time, and the reschedule mechanism. */
@ProviderType
public interface SchedHost {

    Topology topology();

    CostModel costs();

    long now();

    /** The scheduler's own seeded random stream ({@code sched.<name>}). */
    RandomGenerator random();

    /**
     * The LWP currently designated on {@code cpu} (the one that may return to user mode there), or {@code null}.
     * A CPU asked to reschedule stays {@code null} until it calls {@link UserScheduler#pickNext}: a scheduler that
     * kicks idle CPUs must remember which it kicked, or two wakeups in a row kick the same one
     * ({@code org.odonata.api.sched.kit.IdleCpus} does).
     */
    SchedThread current(int cpu);

    /** Whether {@code cpu} is online and may be given LWPs. */
    boolean online(int cpu);

    /**
     * Asks {@code cpu} to reschedule its user thread ({@code need_user_resched}): locally a flag, remotely an IPI
     * message; the core then calls {@link UserScheduler#pickNext(int)} there.
     */
    void needResched(int cpu);

    /** Counts a CPU change made by the policy (statistics). */
    void migrated(SchedThread t, int from, int to);
}
