package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.RootFs;
import org.odonata.command.hammer.Mirror;
import org.odonata.command.hammer.MirrorLink;
import org.odonata.command.hammer.MirrorSession;
import org.odonata.command.hammer.Pfs;
import org.odonata.experiments.run.Implementations;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.replay.mtree.Keyword;
import org.odonata.replay.mtree.MtreeWriter;
import org.odonata.replay.mtree.SimTree;

/**
 * Mirroring between two machines over a simulated link ({@link MirrorSession}: cmd_mirror.c's mirror-read and
 * mirror-write over a two-way pipe), with the link or the slave failing, as issue 11's correctness bullet asks; the
 * local counterparts are fs-hammer's MirrorTest (a stream cut at any byte is refused) and MirrorCrashTest (the crash
 * enumeration of one mirror-write). Both machines run on one engine, so every run is deterministic in virtual time.
 */
class LinkedMirrorFaultTest {

    private static final long MS = 1_000_000L;
    private static final String MASTER = "/master";
    private static final String SLAVE = "/slave";
    private static final MirrorLink LINK = MirrorLink.parse("1Gbit/s,100us");

    private final Implementations impl = RealImplementations.all();

    /** A master and its slave, each a machine with a HAMMER root, on one engine. */
    private record Pair(Machine masterHw, Kernel master, Machine slaveHw, Kernel slave) {
    }

    private static DiskSpec disk(String backing) {
        return new DiskSpec("nvme0", DiskKind.NVME, 256L << 20, 4096, backing, true);
    }

    private static MachineSpec spec(String name, long seed, String backing) {
        return new MachineSpec(name, Presets.topology("smp-4"), CostModel.defaults(), List.of(disk(backing)), seed,
                EngineKind.CONTINUATION);
    }

    private Kernel boot(Machine m) {
        return impl.kernels().boot(m, impl.scheduler("dfly"), impl.token("lwkt"), new RootFs("hammer", null));
    }

    /** Boots the pair, makes the master PFS and writes a seeded tree into it; {@code slaveDisk} may be a host file. */
    private Pair pair(long seed, String slaveDisk) {
        Machine m = impl.machines().create(spec("master", seed, null));
        Machine s = impl.machines().create(spec("slave", seed + 1, slaveDisk), m.engine());
        Pair p = new Pair(m, boot(m), s, boot(s));
        run(p.master(), sys -> {
            Pfs.make(sys, MASTER, false, null, "pfs-master " + MASTER);
            return null;
        });
        return p;
    }

    /** Runs {@code body} as a process of {@code k} to its end (the engine, and any other kernel on it, runs too). */
    private static <T> T run(Kernel k, Function<Syscalls, T> body) {
        List<T> out = new ArrayList<>();
        boolean[] done = new boolean[1];
        k.spawn("test", sys -> {
            try {
                out.add(body.apply(sys));
            } finally {
                done[0] = true;
            }
        });
        for (int i = 0; i < 60_000 && !done[0]; i++) {
            k.runFor(MS);
        }
        assertTrue(done[0] && out.size() == 1, "the process ended; faults: " + k.faults());
        return out.get(0);
    }

    /** A seeded round of changes under the master: files written, rewritten, truncated, renamed, removed; synced. */
    private static void workload(Kernel master, long seed, int ops) {
        run(master, sys -> {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = 0; i < ops; i++) {
                String dir = MASTER + (r.nextInt(3) == 0 ? "/d" + r.nextInt(3) : "");
                sys.mkdir(dir, 0755);
                String f = dir + "/f" + r.nextInt(12);
                switch (r.nextInt(6)) {
                    case 0 -> sys.unlinkat(Fcntl.AT_FDCWD, Pfs.bytes(f), 0);
                    case 1 -> sys.renameat(Fcntl.AT_FDCWD, Pfs.bytes(f), Fcntl.AT_FDCWD,
                            Pfs.bytes(MASTER + "/r" + r.nextInt(5)));
                    default -> {
                        int fd = sys.open(f, Fcntl.O_WRONLY | Fcntl.O_CREAT | (r.nextBoolean() ? Fcntl.O_TRUNC : 0),
                                0644);
                        byte[] data = new byte[r.nextInt(20_000)];
                        r.nextBytes(data);
                        if (fd >= 0) {
                            sys.pwrite(fd, data, 0, data.length, r.nextInt(8_000));
                            sys.close(fd);
                        }
                    }
                }
            }
            assertEquals(0, sys.sync());
            return null;
        });
    }

    /** mtree of the directory {@code root} leads to (type, size, sha256, nlink), without the header naming it. */
    private static String mtree(Kernel k, String root) {
        return run(k, sys -> MtreeWriter.write(new SimTree(sys), Pfs.bytes(root + "/"), EnumSet.of(Keyword.TYPE,
                Keyword.SIZE, Keyword.SHA256, Keyword.NLINK), "test", "test", "-").lines()
                .filter(l -> !l.startsWith("#\t")).reduce("", (a, b) -> a + b + "\n"));
    }

    /** The master PFS as of a TID. */
    private static String masterAsOf(Kernel master, long tid) {
        return mtree(master, String.format("/@@0x%016x:00001", tid));
    }

    private static long syncEndTid(Kernel k, String pfs) {
        return run(k, sys -> Mirror.tid(Pfs.status(sys, pfs, "status " + pfs).get("sync_end_tid")));
    }

    /** Runs a session on the pair's engine until its processes have exited; returns it. */
    private static MirrorSession session(Pair p, MirrorSession s) {
        s.shareEngine(lag -> { });
        s.startDestination(p.slave());
        s.startSource(p.master());
        for (int i = 0; i < 60_000 && !s.finished(); i++) {
            p.master().runFor(MS);
        }
        assertTrue(s.finished(), "the session ended");
        return s;
    }

    private static MirrorSession copy() {
        return MirrorSession.copy(LINK, MASTER, SLAVE, "mirror-copy " + MASTER + " slave:" + SLAVE);
    }

    /**
     * cmd_mirror.c, hammer_cmd_mirror_write: a batch cut anywhere (in the PFSD before it, in its header, between two
     * records, in a record, one byte short of its end) never moves the slave, since hammer_ioc_mirror_write refuses a
     * truncated stream, so it stays the master as of its sync_end_tid; the stream resumed from that sync_end_tid, as
     * mirror-stream does after a break (the slave's UPDATE gives the reader its TID), converges.
     */
    @Test
    void aLinkCutAnywhereInABatchLeavesTheSlaveAndTheResumedStreamConverges() {
        Pair p = pair(21, null);
        workload(p.master(), 1, 30);
        MirrorSession first = session(p, copy());
        assertNull(first.failure());
        long before = syncEndTid(p.slave(), SLAVE);
        String slaveBefore = mtree(p.slave(), SLAVE);
        assertEquals(masterAsOf(p.master(), before), slaveBefore);

        workload(p.master(), 2, 30);
        long masterEnd = syncEndTid(p.master(), MASTER);
        int streamBytes = run(p.master(), sys -> Base64.getDecoder().decode(Mirror.read(sys, MASTER,
                Mirror.hex(before), "mirror-read").get("stream")).length);
        assertTrue(streamBytes > 4096, "a batch of some size: " + streamBytes);
        // forward bytes: the PFSD record, then the batch (fs-hammer/MIRROR-FORMAT.md: a 64-byte header, records)
        int pfsd = 16 + 208;
        TreeSet<Long> cuts = new TreeSet<>(List.of(0L, 100L, (long) pfsd, pfsd + 1L, pfsd + 63L, pfsd + 64L,
                pfsd + 65L, pfsd + streamBytes / 2L, pfsd + streamBytes - 1L));
        SplittableRandom r = new SplittableRandom(3);
        while (cuts.size() < 16) {
            cuts.add(pfsd + 1L + r.nextInt(streamBytes - 1));
        }
        for (long cut : cuts) {
            MirrorSession s = copy();
            s.breakAfter(cut);
            session(p, s);
            assertTrue(s.broken(), "cut at " + cut);
            if (cut > pfsd) {
                assertTrue(s.failure() != null && s.failure().getMessage().contains("truncated")
                        && s.failure().getMessage().contains("is unchanged"), "cut at " + cut + ": " + s.failure());
            }
            assertEquals(before, syncEndTid(p.slave(), SLAVE), "cut at " + cut);
            assertEquals(slaveBefore, mtree(p.slave(), SLAVE), "cut at " + cut);
        }

        MirrorSession resumed = session(p, MirrorSession.stream(LINK, MASTER, SLAVE, "mirror-stream", 0, 200 * MS));
        assertNull(resumed.failure());
        assertEquals(masterEnd, syncEndTid(p.slave(), SLAVE), "the resumed stream reached the master's last flush");
        String slaveAfter = mtree(p.slave(), SLAVE);
        assertNotEquals(slaveBefore, slaveAfter);
        assertEquals(masterAsOf(p.master(), masterEnd), slaveAfter);
    }

    /**
     * hammer_mirror.c's hammer_ioc_mirror_write and cmd_mirror.c's update of sync_end_tid after it: the slave machine
     * losing power after any write or flush its disk was given during a mirror-write that came over the link (the
     * disk's volatile cache dropped, the requests not yet completed lost) mounts again (UNDO recovery) at the old or
     * the new sync_end_tid, never between, and shows the master as of that TID. The reorderings a volatile cache
     * allows between flushes are fs-hammer's MirrorCrashTest's (the crash enumeration of the same ioctl).
     */
    @Test
    void theSlaveCrashingDuringALinkedMirrorWriteRecoversToTheOldOrTheNewSyncEndTid(@TempDir Path dir)
            throws IOException {
        // a dry run: the slave disk's writes during the batch, and the master's trees at both TIDs
        Pair dry = pair(31, dir.resolve("dry.img").toString());
        prepare(dry);
        long oldEnd = syncEndTid(dry.slave(), SLAVE);
        long newEnd = syncEndTid(dry.master(), MASTER);
        String oldTree = masterAsOf(dry.master(), oldEnd);
        String newTree = masterAsOf(dry.master(), newEnd);
        assertNotEquals(oldTree, newTree);
        long w0 = writes(dry);
        MirrorSession s = session(dry, copy());
        assertNull(s.failure());
        long w1 = writes(dry);
        assertTrue(w1 - w0 > 10, "the mirror-write took several disk writes and flushes: " + (w1 - w0));
        assertEquals(newEnd, syncEndTid(dry.slave(), SLAVE));

        // after each write or flush the slave's disk was given, and once the writer answered (all durable)
        TreeSet<Long> points = new TreeSet<>(List.of(Long.MAX_VALUE));
        for (long w = 1; w <= w1 - w0; w++) {
            points.add(w);
        }
        int sawOld = 0;
        int sawNew = 0;
        for (long point : points) {
            Path image = dir.resolve("slave-" + point + ".img");
            Pair p = pair(31, image.toString());
            prepare(p);
            long base = writes(p);
            MirrorSession crashing = copy();
            crashing.shareEngine(lag -> { });
            crashing.startDestination(p.slave());
            crashing.startSource(p.master());
            // the power cut: as soon as the slave's disk took the chosen write or flush
            for (int i = 0; i < 20_000_000 && writes(p) - base < point && !crashing.finished(); i++) {
                p.master().runFor(1_000);
            }
            p.slaveHw().disks().get(0).powerCut();
            // the machine stops there: its disk lets go of the image, the engine runs no more
            p.slaveHw().close();

            Machine again = impl.machines().create(spec("slave", 99, image.toString()));
            Kernel recovered = boot(again);
            long end = syncEndTid(recovered, SLAVE);
            assertTrue(end == oldEnd || end == newEnd, "power cut after write " + point + " of " + (w1 - w0)
                    + ": sync_end_tid " + Long.toHexString(end));
            assertEquals(end == oldEnd ? oldTree : newTree, mtree(recovered, SLAVE), "power cut after write "
                    + point);
            if (end == oldEnd) {
                sawOld++;
            } else {
                sawNew++;
            }
            recovered.close();
            Files.delete(image);
        }
        System.out.println("linked mirror-write power cuts: " + points.size() + " of the slave disk's " + (w1 - w0)
                + " writes and flushes; old sync_end_tid " + sawOld + ", new " + sawNew);
        assertTrue(sawOld > 0 && sawNew > 0, "power cuts before and after the sync_end_tid update: old " + sawOld
                + ", new " + sawNew);
    }

    /** The state before the crash: a first copy, then more changes on the master. */
    private static void prepare(Pair p) {
        workload(p.master(), 5, 25);
        assertNull(session(p, copy()).failure());
        workload(p.master(), 6, 25);
    }

    /** The writes and flushes the slave's disk was given. */
    private static long writes(Pair p) {
        return p.slaveHw().disks().get(0).stats().writes() + p.slaveHw().disks().get(0).stats().flushes();
    }
}
