package org.odonata.sched.eevdf;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.sched.kit.Entity;

/**
 * EEVDF's per-LWP state ({@code struct sched_entity}): the weight nice gives it, its virtual deadline and its lag
 * (how much service it is owed, kept while it sleeps or moves); its vruntime is the kit's {@link #vtime()}, the
 * key of the per-CPU queues.
 */
final class EevdfEntity extends Entity {

    /** {@code sched_prio_to_weight}: nice -20 .. 19; a nice step changes CPU share by about 10%. */
    private static final int[] PRIO_TO_WEIGHT = {
        88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
        9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
        1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
        110, 87, 70, 56, 45, 36, 29, 23, 18, 15};
    /** {@code WEIGHT_IDLEPRIO}: what SCHED_IDLE tasks weigh. */
    private static final int IDLE_WEIGHT = 3;

    long deadline;
    /** {@code se->vlag}: V − vruntime when it last left a queue; placed back by it. */
    long vlag;
    /** Whether it has been placed once: the first placement is {@code ENQUEUE_INITIAL}. */
    boolean placed;
    /** User time already turned into vruntime. */
    long accounted;

    EevdfEntity(SchedThread t) {
        super(t);
    }

    /** Its weight now (nice and class can change while it lives). */
    int weight() {
        SchedThread t = thread();
        if (t.schedClass() == SchedClass.IDLE) {
            return IDLE_WEIGHT;
        }
        return PRIO_TO_WEIGHT[Math.clamp(t.nice(), -20, 19) + 20];
    }

    /** {@code calc_delta_fair}: {@code nanos} of real time in this entity's virtual time. */
    long fair(long nanos) {
        return nanos * EevdfScheduler.NICE_0_LOAD / weight();
    }

    /** {@code update_curr}: turns the user time it ran since the last look into vruntime. */
    void account() {
        long ran = thread().runtimeNanos() - accounted;
        if (ran > 0) {
            setVtime(vtime() + fair(ran));
            accounted += ran;
        }
    }
}
