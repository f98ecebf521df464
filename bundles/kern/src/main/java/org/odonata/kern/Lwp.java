package org.odonata.kern;

import org.odonata.api.sched.SchedClass;
import org.odonata.api.sched.SchedThread;

/**
 * A light-weight process ({@code struct lwp}): the user-visible thread of a process, run by one LWKT thread.
 * It is what user schedulers see. The core records whether it is queued in the scheduler.
 */
final class Lwp implements SchedThread {

    final Proc proc;
    Td td;
    private Object schedData;
    /** Handed to the user scheduler and not yet picked, dequeued or exported. */
    boolean queued;
    /** Woke (or was created) since it last acquired a CPU: its next enqueue is a wakeup. */
    boolean justWoke = true;
    long runnableSince;
    /** {@code lwp_slptime}: schedcpu passes that found it asleep since it went to sleep. */
    int slptime;
    long lastSleepNanos;
    long sleepStart;
    long runtimeNanos;
    boolean zombie;
    /** {@code lwp_rtprio}: class and level. */
    SchedClass schedClass = SchedClass.NORMAL;
    int schedLevel;
    /** The number of the last scheduler export that listed it ({@code Usched}): finds duplicates without a set. */
    long exportMark;
    /** The CPU it was last queued for, and the watchdog's count of passed-over picks then ({@link Watchdog}). */
    int queuedOn;
    long passedOverMark;

    Lwp(Proc proc) {
        this.proc = proc;
    }

    void woke(long now) {
        lastSleepNanos = now - sleepStart;
        runnableSince = now;
        justWoke = true;
    }

    @Override
    public long tid() {
        return td.tid;
    }

    @Override
    public int pid() {
        return proc.pid;
    }

    @Override
    public String name() {
        return td.name;
    }

    @Override
    public int cpu() {
        return td.gd.cpu;
    }

    @Override
    public int wakeFromCpu() {
        return td.wakefromcpu;
    }

    @Override
    public int slptime() {
        return slptime;
    }

    @Override
    public int nice() {
        return proc.nice;
    }

    @Override
    public SchedClass schedClass() {
        return schedClass;
    }

    @Override
    public int schedLevel() {
        return schedLevel;
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
        if (td.upri == upri) {
            return;
        }
        td.upri = upri;
        if (td.onRunq) {
            td.gd.runq.remove(td);
            td.gd.runq.insert(td);
        }
    }

    @Override
    public String toString() {
        return "lwp " + proc.pid + "/" + td.tid + " (" + td.name + ")";
    }
}
