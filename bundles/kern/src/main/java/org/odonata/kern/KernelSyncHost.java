package org.odonata.kern;

import java.util.random.RandomGenerator;

import org.odonata.api.machine.Machine;
import org.odonata.api.sync.SyncHost;

/** What the kernel gives the locks it makes (tokens, the VFS's locks, scheduler spinlocks): machine and stream. */
record KernelSyncHost(Machine machine, RandomGenerator random) implements SyncHost {

    /** On {@code k}'s machine, with the seeded stream named {@code stream}. */
    static KernelSyncHost of(SimKernel k, String stream) {
        return new KernelSyncHost(k.machine, k.engine.random().stream(stream));
    }
}
