package org.odonata.kern;

import org.odonata.api.probe.ThreadClock;
import org.osgi.service.component.annotations.Component;

/**
 * The {@link ThreadClock} of whichever kernel the calling host thread is advancing: {@link SimKernel#runFor}
 * marks its thread for the duration (inherited by the virtual threads of the virtual-thread engine created while
 * it runs). A machine is confined to one host thread, so this reads that kernel's own clock.
 */
@Component(service = ThreadClock.class)
public final class KernelClock implements ThreadClock {

    private static final InheritableThreadLocal<SimKernel> RUNNING = new InheritableThreadLocal<>();

    /** Marks the calling thread as advancing {@code k}; returns what it was advancing before. */
    static SimKernel enter(SimKernel k) {
        SimKernel before = RUNNING.get();
        RUNNING.set(k);
        return before;
    }

    static void leave(SimKernel before) {
        RUNNING.set(before);
    }

    @Override
    public boolean inSimulation() {
        return RUNNING.get() != null;
    }

    @Override
    public long now() {
        SimKernel k = RUNNING.get();
        return k == null ? -1 : k.now();
    }

    @Override
    public int cpu() {
        SimKernel k = RUNNING.get();
        return k == null ? -1 : k.mycpu();
    }
}
