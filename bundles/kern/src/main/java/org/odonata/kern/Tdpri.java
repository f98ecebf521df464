package org.odonata.kern;

/** LWKT thread priorities ({@code TDPRI_*}, {@code sys/sys/thread.h}): 0–31, higher runs first. */
final class Tdpri {

    static final int IDLE_THREAD = 0;
    static final int IDLE_WORK = 1;
    static final int USER_SCHEDULER = 2;
    static final int USER_IDLE = 4;
    static final int USER_NORM = 6;
    static final int USER_REAL = 8;
    /** Comparison only: tokenless threads below it may be skipped by the run-queue scan. */
    static final int KERN_LPSCHED = 9;
    static final int KERN_USER = 10;
    static final int KERN_DAEMON = 12;
    static final int SOFT_NORM = 14;
    static final int SOFT_TIMER = 16;
    static final int INT_SUPPORT = 20;
    static final int INT_LOW = 27;
    static final int INT_MED = 28;
    static final int INT_HIGH = 29;
    static final int MAX = 31;

    private Tdpri() {
    }
}
