package org.odonata.tck.sched.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.odonata.api.cost.CostModel;
import org.odonata.api.sched.SchedHost;
import org.odonata.api.sched.SchedLock;
import org.odonata.api.sched.SchedThread;
import org.odonata.api.topology.Topology;

/** The host side of the SPI for {@link SimCore}: virtual time, the designated LWPs and the reschedule flags. */
public final class SimHost implements SchedHost {

    private final Topology topology;
    private final SplittableRandom random;
    final SimLwp[] current;
    final boolean[] resched;
    final boolean[] online;
    long now;
    long migrations;
    private final List<SimLock> locks = new ArrayList<>();

    SimHost(Topology topology, long seed) {
        this.topology = topology;
        this.random = new SplittableRandom(seed);
        this.current = new SimLwp[topology.cpuCount()];
        this.resched = new boolean[topology.cpuCount()];
        this.online = new boolean[topology.cpuCount()];
        java.util.Arrays.fill(online, true);
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public CostModel costs() {
        return CostModel.defaults();
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public SchedThread current(int cpu) {
        return current[cpu];
    }

    @Override
    public boolean online(int cpu) {
        return online[cpu];
    }

    @Override
    public void needResched(int cpu) {
        resched[cpu] = true;
    }

    @Override
    public SchedLock spinlock(String name) {
        SimLock lock = new SimLock(name);
        locks.add(lock);
        return lock;
    }

    /** The scheduler's spinlocks, in the order it made them. */
    public List<SimLock> locks() {
        return locks;
    }

    @Override
    public void migrated(SchedThread t, int from, int to) {
        migrations++;
    }

    public long migrations() {
        return migrations;
    }
}
