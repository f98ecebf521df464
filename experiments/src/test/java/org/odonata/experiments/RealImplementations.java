package org.odonata.experiments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.odonata.api.kern.Workload;
import org.odonata.experiments.rtapp.RtAppWorkload;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.workload.Hackbench;
import org.odonata.experiments.workload.Interactive;
import org.odonata.experiments.workload.MakeBuild;
import org.odonata.experiments.workload.OpenQueue;
import org.odonata.experiments.workload.Schbench;
import org.odonata.experiments.workload.TokenScale;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.TopologyService;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.fifo.FifoFactory;
import org.odonata.sched.lwkt.bsd4.Bsd4Factory;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.mcs.McsTokenFactory;
import org.odonata.sync.ticket.TicketTokenFactory;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/** The real machine model, kernel, schedulers, token implementations and workloads, as the framework wires them. */
public final class RealImplementations {

    private RealImplementations() {
    }

    public static Implementations all() {
        List<Workload> workloads = new ArrayList<>(List.of(new Hackbench(), new Schbench(), new TokenScale(),
                new MakeBuild(), new Interactive(), new OpenQueue(), new RtAppWorkload()));
        KernelFactoryComponent kernels = new KernelFactoryComponent(new VfsComponent(new LockFactoryComponent(),
                List.of(new TmpfsType())));
        return Implementations.of(new MachineFactoryComponent(), new TopologyService(), kernels,
                List.of(new DflyFactory(), new Bsd4Factory(), new FifoFactory()),
                List.of(new LwktTokenFactory(), new TicketTokenFactory(), new McsTokenFactory()), workloads);
    }

    /** The rt-app example files beside the repository, or null when they are absent. */
    public static Path rtAppExamples() {
        Path dir = Path.of(System.getProperty("user.dir")).resolve("../../shared/data/rt-app").normalize();
        return Files.isDirectory(dir) ? dir : null;
    }
}
