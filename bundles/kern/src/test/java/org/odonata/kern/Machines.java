package org.odonata.kern;

import java.util.List;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vfs.RootFs;
import org.odonata.api.vfs.VfsFactory;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.vfs.VfsComponent;

/** Real simulated machines and kernels booted on them with the test policies, a real VFS and a tmpfs root. */
final class Machines {

    private Machines() {
    }

    static Machine machine(String preset, long seed, EngineKind kind) {
        return new MachineFactoryComponent().create(new MachineSpec("t", Presets.topology(preset), CostModel.defaults(),
                List.of(), seed, kind));
    }

    /** A kernel on a machine with one 1 GiB NVMe disk, {@code da0}, backed by memory. */
    static SimKernel bootWithDisk(String preset, long seed) {
        Machine m = new MachineFactoryComponent().create(new MachineSpec("t", Presets.topology(preset),
                CostModel.defaults(), List.of(new DiskSpec("da0", DiskKind.NVME, 1L << 30, 512, null, false)), seed,
                EngineKind.CONTINUATION));
        return new SimKernel(m, TestFifoScheduler.factory("testfifo"), TestTasTokens.factory("tas"), vfs(),
                RootFs.TMPFS);
    }

    static SimKernel boot(String preset, long seed) {
        return boot(preset, seed, EngineKind.CONTINUATION);
    }

    static SimKernel boot(String preset, long seed, EngineKind kind) {
        return new SimKernel(machine(preset, seed, kind), TestFifoScheduler.factory("testfifo"),
                TestTasTokens.factory("tas"), vfs(), RootFs.TMPFS);
    }

    /** The VFS bundle's factory with tmpfs, as the framework wires it. */
    static VfsFactory vfs() {
        return new VfsComponent(new LockFactoryComponent(), List.of(new TmpfsType()));
    }

    static long ms(long n) {
        return n * 1_000_000L;
    }
}
