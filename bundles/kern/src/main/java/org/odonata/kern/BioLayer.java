package org.odonata.kern;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BioDone;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.BlockOp;

/**
 * The block I/O path ({@code dev_dstrategy} in {@code sys/kern/kern_device.c}; {@code biodone}, {@code biowait} in
 * {@code sys/kern/vfs_bio.c}) over the machine's disks, each driven like an AHCI or NVMe port: its strategy routine
 * starts the request and returns; the disk's completion is its interrupt, routed to one CPU, whose interrupt thread
 * runs the driver's completion routine, calling {@code biodone} for every request the disk finished.
 * <p>
 * Simplified costs (model constants, not measured): the strategy routine and the driver's submission cost
 * {@value #STRATEGY_CYCLES} cycles on the issuing CPU, the completion of one request {@value #BIODONE_CYCLES} cycles in
 * the interrupt thread, about a microsecond each at 3 GHz, as a block layer and an NVMe driver take.
 */
final class BioLayer implements BlockIo {

    static final long STRATEGY_CYCLES = 3_000;
    static final long BIODONE_CYCLES = 3_000;

    /** One disk as its driver sees it: its interrupt line, where it is routed, and the requests it finished. */
    static final class Unit {
        final String name;
        final BlockDevice dev;
        final int irq;
        int cpu;
        /** Finished by the disk, waiting for the interrupt thread. */
        final ArrayDeque<BioRequest> finished = new ArrayDeque<>();

        Unit(String name, BlockDevice dev, int irq, int cpu) {
            this.name = name;
            this.dev = dev;
            this.irq = irq;
            this.cpu = cpu;
        }
    }

    private final SimKernel k;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Unit> units = new LinkedHashMap<>();

    long issued;
    long completed;

    BioLayer(SimKernel k) {
        this.k = k;
        List<BlockDevice> disks = k.machine.disks();
        if (disks.size() > Interrupts.MAX_IRQS) {
            throw new IllegalArgumentException("the kernel drives at most " + Interrupts.MAX_IRQS + " disks, the machine has "
                    + disks.size());
        }
        for (int i = 0; i < disks.size(); i++) {
            BlockDevice dev = disks.get(i);
            Unit u = new Unit(dev.spec().name(), dev, i, i % k.ncpus);
            names.add(u.name);
            units.putIfAbsent(u.name, u);
            k.interrupts.register(u.irq, () -> intr(u));
            k.interrupts.route(u.irq, u.cpu);
        }
    }

    @Override
    public List<String> devices() {
        return List.copyOf(names);
    }

    @Override
    public int interruptCpu(String device) {
        return unit(device).cpu;
    }

    @Override
    public void routeInterrupt(String device, int cpu) {
        Unit u = unit(device);
        if (cpu < 0 || cpu >= k.ncpus) {
            throw new IllegalArgumentException("no CPU " + cpu + ": this machine has CPUs 0.." + (k.ncpus - 1));
        }
        k.interrupts.route(u.irq, cpu);
        u.cpu = cpu;
    }

    @Override
    public Bio strategy(String device, BlockOp cmd, long offset, ByteBuffer data, boolean fua, BioDone done) {
        Unit u = unit(device);
        Objects.requireNonNull(cmd, "cmd");
        if (cmd != BlockOp.FLUSH) {
            Objects.requireNonNull(data, "data");
        }
        BioRequest bio = new BioRequest(u, cmd, offset, data, fua, done, k.newIdent(), k.engine.now());
        u.dev.start(cmd, offset, data, fua, failure -> finished(bio, failure));
        if (k.trace != null) {
            k.trace.ioStart(bio.issuedAt(), u.name, bio.ident, bio.offset(), bio.length(), cmd != BlockOp.READ);
        }
        int me = k.mycpu();
        if (me >= 0) {
            k.gd(me).hw.charge(STRATEGY_CYCLES);
        }
        issued++;
        return bio;
    }

    @Override
    public int biowait(Bio bio, String wmesg) {
        Td td = k.curthread("biowait");
        if (td.preemptable) {
            throw new IllegalStateException(td + " is an interrupt thread: it must not sleep in biowait");
        }
        if (!(bio instanceof BioRequest r) || units.get(r.device()) != r.unit) {
            throw new IllegalArgumentException(bio + " was not issued by this kernel's strategy");
        }
        if (r.callback != null) {
            throw new IllegalStateException(bio + " has a completion callback: biowait is for synchronous requests");
        }
        while (!r.done) {
            k.sleepq.tsleep(td, r.ident, wmesg, 0);
        }
        return r.error;
    }

    /** The disk finished {@code bio} (an engine event): it raises its interrupt on the CPU it is routed to. */
    private void finished(BioRequest bio, RuntimeException failure) {
        bio.error = failure == null ? 0 : BioRequest.EIO;
        Unit u = bio.unit;
        u.finished.add(bio);
        k.machine.lapic().raiseIrq(u.cpu, u.irq);
    }

    /** The driver's interrupt routine, in the interrupt thread: {@code biodone} for every finished request. */
    private void intr(Unit u) {
        Td td = k.curthread("the interrupt routine");
        BioRequest bio;
        while ((bio = u.finished.poll()) != null) {
            k.lwkt.computeKernel(td, BIODONE_CYCLES);
            biodone(td, bio);
        }
    }

    /** {@code biodone}: the request's callback if it has one, else {@code biodone_sync}'s wakeup of its waiter. */
    private void biodone(Td td, BioRequest bio) {
        bio.done = true;
        bio.completedAt = k.engine.now();
        bio.completionCpu = td.gd.cpu;
        completed++;
        if (k.trace != null) {
            k.trace.ioDone(bio.completedAt, bio.device(), bio.ident);
        }
        if (bio.callback == null) {
            k.sleepq.wakeup(td.gd.cpu, bio.ident);
            return;
        }
        try {
            bio.callback.biodone(bio);
        } catch (RuntimeException e) {
            k.fault("bio", "the completion callback of " + bio + " threw " + e);
        }
    }

    private Unit unit(String device) {
        Unit u = units.get(Objects.requireNonNull(device, "device"));
        if (u == null) {
            throw new IllegalArgumentException("no disk '" + device + "'; disks: " + (names.isEmpty() ? "none"
                    : String.join(", ", names)));
        }
        return u;
    }
}
