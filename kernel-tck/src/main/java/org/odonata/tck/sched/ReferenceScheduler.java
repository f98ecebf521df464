package org.odonata.tck.sched;

import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sched.kit.DsqScheduler;
import org.odonata.api.sched.kit.Entity;

/**
 * The kit's scheduler with every default ({@code scx_simple}: idle CPUs get a waking LWP directly, the rest share
 * one global FIFO queue): what the kits swap an implementation with and back.
 */
public final class ReferenceScheduler implements UserSchedulerFactory {

    public static final String NAME = "tck-simple";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the scheduler kit's defaults (scx_simple): the conformance kits' reference";
    }

    @Override
    public UserScheduler create() {
        return new DsqScheduler<Entity>() {
        };
    }

    @Override
    public boolean workConserving() {
        return true;
    }
}
