package org.odonata.tck.sched.sim;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;

/**
 * A simulated LWP: a CPU hog ({@code burstNanos == 0}) or a sleeper that runs {@code burstNanos} of user time
 * and then sleeps {@code sleepNanos}. The core ({@link SimCore}) owns every field but {@code schedData}.
 */
public final class SimLwp implements SchedThread {

    public enum State {
        RUNNABLE, RUNNING, SLEEPING, EXITED
    }

    private final long tid;
    private final String name;
    private final int nice;
    private final SchedClass schedClass;
    final long burstNanos;
    final long sleepNanos;
    int cpu;
    State state = State.RUNNABLE;
    long runnableSince;
    long lastSleepNanos;
    long runtimeNanos;
    long burstLeft;
    long sleepStart;
    long wakeAt;
    int wakeFromCpu = -1;
    int slptime;
    private Object schedData;
    private int upri;
    private int schedLevel;

    public SimLwp(long tid, String name, int nice, SchedClass schedClass, long burstNanos, long sleepNanos,
            int cpu) {
        this.tid = tid;
        this.name = name;
        this.nice = nice;
        this.schedClass = schedClass;
        this.burstNanos = burstNanos;
        this.sleepNanos = sleepNanos;
        this.cpu = cpu;
        this.burstLeft = burstNanos;
    }

    public boolean hog() {
        return burstNanos == 0;
    }

    public State state() {
        return state;
    }

    public int upri() {
        return upri;
    }

    @Override
    public int wakeFromCpu() {
        return wakeFromCpu;
    }

    @Override
    public int slptime() {
        return slptime;
    }

    @Override
    public long tid() {
        return tid;
    }

    @Override
    public int pid() {
        return (int) tid;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    @Override
    public int nice() {
        return nice;
    }

    @Override
    public SchedClass schedClass() {
        return schedClass;
    }

    @Override
    public int schedLevel() {
        return schedLevel;
    }

    /** The rtprio level within a realtime or idle class, as {@code lwp_rtprio} would set it. */
    public void setSchedLevel(int level) {
        schedLevel = level;
    }

    @Override
    public long runnableSince() {
        return runnableSince;
    }

    @Override
    public long lastSleepNanos() {
        return lastSleepNanos;
    }

    @Override
    public long runtimeNanos() {
        return runtimeNanos;
    }

    /** For tests of estcpu arithmetic outside a {@link SimCore}: the LWP ran {@code nanos} more. */
    public void addRuntime(long nanos) {
        runtimeNanos += nanos;
    }

    @Override
    public Object schedData() {
        return schedData;
    }

    @Override
    public void setSchedData(Object data) {
        schedData = data;
    }

    @Override
    public void setUpri(int upri) {
        this.upri = upri;
    }

    @Override
    public String toString() {
        return name + "#" + tid + "(" + state + " cpu" + cpu + ")";
    }
}
