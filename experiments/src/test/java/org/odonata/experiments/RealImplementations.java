package org.odonata.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.kern.Workload;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.experiments.fio.FioWorkload;
import org.odonata.experiments.memtrace.MemTrace;
import org.odonata.experiments.rtapp.RtAppWorkload;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.workload.Hackbench;
import org.odonata.experiments.workload.Interactive;
import org.odonata.experiments.workload.MakeBuild;
import org.odonata.experiments.workload.MirrorStream;
import org.odonata.experiments.workload.Mmap1;
import org.odonata.experiments.workload.OpenQueue;
import org.odonata.experiments.workload.PageFault1;
import org.odonata.experiments.workload.Schbench;
import org.odonata.experiments.workload.TokenScale;
import org.odonata.fs.hammer.vfs.HammerType;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologyService;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.pageout.classic.Factories;
import org.odonata.sched.eevdf.EevdfFactory;
import org.odonata.sched.fifo.FifoFactory;
import org.odonata.sched.lwkt.bsd4.Bsd4Factory;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sched.rr.RrFactory;
import org.odonata.sync.cna.CnaTokenFactory;
import org.odonata.sync.giant.GiantTokenFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.mcs.McsTokenFactory;
import org.odonata.sync.ticket.TicketTokenFactory;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.sync.ttas.TtasTokenFactory;
import org.odonata.vfs.VfsComponent;
import org.odonata.vm.VmComponent;

/**
 * The real machine model, kernel (with the VM), schedulers, token implementations, pageout policies and workloads,
 * as the framework wires them.
 */
public final class RealImplementations {

    private RealImplementations() {
    }

    public static Implementations all() {
        return all(List.of());
    }

    /** Every real implementation, plus {@code extra} user schedulers (e.g. one with other tunables). */
    public static Implementations all(List<UserSchedulerFactory> extra) {
        List<UserSchedulerFactory> schedulers = new ArrayList<>(List.of(new DflyFactory(), new Bsd4Factory(),
                new FifoFactory(), new RrFactory(), new EevdfFactory()));
        schedulers.addAll(extra);
        List<Workload> workloads = new ArrayList<>(List.of(new Hackbench(), new Schbench(), new TokenScale(),
                new MakeBuild(), new Interactive(), new OpenQueue(), new RtAppWorkload(), new MemTrace(),
                new PageFault1(), new Mmap1(), new FioWorkload(), new MirrorStream()));
        LockFactoryComponent locks = new LockFactoryComponent();
        KernelFactoryComponent kernels = new KernelFactoryComponent(locks, new VfsComponent(locks,
                List.of(new TmpfsType(), new HammerType(locks))), new VmComponent(locks));
        return Implementations.of(new MachineFactoryComponent(), new TopologyService(), kernels,
                schedulers,
                List.of(new LwktTokenFactory(), new TicketTokenFactory(), new McsTokenFactory(), new TtasTokenFactory(),
                        new CnaTokenFactory(), new GiantTokenFactory()), workloads,
                List.of(new org.odonata.pageout.dfly.DflyFactory(), new Factories.Fifo(), new Factories.Clock(),
                    new Factories.Lru(), new Factories.Opt()));
    }

    /** The rt-app example files beside the repository, or null when they are absent. */
    public static Path rtAppExamples() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../../shared/data/rt-app").normalize();
        return Files.isDirectory(dir) ? dir : null;
    }
}
