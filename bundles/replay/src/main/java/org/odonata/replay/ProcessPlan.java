package org.odonata.replay;

import java.util.ArrayList;
import java.util.List;

/** The program of one replayed process: the calls of a traced process (and of its threads), in order. */
final class ProcessPlan {

    final int index;
    /** The traced pid it stands for (its thread group leader). */
    final int pid;
    final List<Op> ops = new ArrayList<>();

    ProcessPlan(int index, int pid) {
        this.index = index;
        this.pid = pid;
    }
}
