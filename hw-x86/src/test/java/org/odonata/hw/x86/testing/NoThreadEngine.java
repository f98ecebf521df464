package org.odonata.hw.x86.testing;

import org.odonata.api.engine.Engine;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.engine.EventHandle;
import org.odonata.api.engine.RandomStreams;
import org.odonata.api.engine.SimThread;

/** An engine that never runs: time stays 0 and no simulated thread is current, as in code outside a simulation. */
public final class NoThreadEngine implements Engine {

    @Override
    public EngineKind kind() {
        return EngineKind.VIRTUAL_THREAD;
    }

    @Override
    public long now() {
        return 0;
    }

    @Override
    public EventHandle at(long time, Runnable action) {
        throw new UnsupportedOperationException("no events outside a simulation");
    }

    @Override
    public SimThread spawn(String name, Runnable body) {
        throw new UnsupportedOperationException("no threads outside a simulation");
    }

    @Override
    public SimThread current() {
        return null;
    }

    @Override
    public void park() {
        throw new IllegalStateException("park outside a simulated thread");
    }

    @Override
    public void sleep(long nanos) {
        throw new IllegalStateException("sleep outside a simulated thread");
    }

    @Override
    public long runUntil(long time) {
        return 0;
    }

    @Override
    public long runUntilIdle() {
        return 0;
    }

    @Override
    public boolean step() {
        return false;
    }

    @Override
    public int pending() {
        return 0;
    }

    @Override
    public long eventsRun() {
        return 0;
    }

    @Override
    public RandomStreams random() {
        throw new UnsupportedOperationException("no random streams outside a simulation");
    }
}
