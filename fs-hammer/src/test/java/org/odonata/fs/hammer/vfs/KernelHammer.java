package org.odonata.fs.hammer.vfs;

import java.util.List;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.UserProgram;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.vfs.RootFs;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.fifo.FifoFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/** Kernels with HAMMER as their root on a simulated NVMe disk, and programs run on them to completion. */
final class KernelHammer {

    static final long MS = 1_000_000L;

    private KernelHammer() {
    }

    static Machine machine(long seed, DiskSpec disk) {
        return new MachineFactoryComponent().create(new MachineSpec("t", Presets.topology("smp-4"),
                CostModel.defaults(), List.of(disk), seed, EngineKind.CONTINUATION));
    }

    static DiskSpec nvme(long bytes, String backingFile) {
        return new DiskSpec("nvme0", DiskKind.NVME, bytes, 4096, backingFile, true);
    }

    static Kernel boot(Machine m, TokenAlgorithmFactory tokens) {
        LockFactoryComponent locks = new LockFactoryComponent();
        return new KernelFactoryComponent(new VfsComponent(locks, List.of(new TmpfsType(), new HammerType(locks))))
                .boot(m, new FifoFactory(), tokens, new RootFs("hammer", null));
    }

    static Kernel boot(long seed) {
        return boot(machine(seed, nvme(1L << 30, null)), new LwktTokenFactory());
    }

    /** Runs {@code program} as a process; returns once every process has exited (at most {@code limitMs}). */
    static void run(Kernel k, long limitMs, UserProgram... programs) {
        for (UserProgram p : programs) {
            k.spawn("t", p);
        }
        for (long i = 0; i < limitMs && k.processes() > 0; i++) {
            k.runFor(MS);
        }
        if (k.processes() > 0) {
            throw new AssertionError("programs still running after " + limitMs + " ms; faults: " + k.faults());
        }
    }
}
