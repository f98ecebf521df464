package org.odonata.api.sched;

/** Scheduling classes, as DragonFly's rtprio types: realtime before normal before idle. */
public enum SchedClass {
    REALTIME,
    NORMAL,
    IDLE
}
