package org.odonata.fs.hammer.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.api.block.BlockDevice;
import org.odonata.api.block.BlockDevices;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.command.Args;
import org.odonata.command.PlainMessage;
import org.odonata.fs.hammer.check.CheckReport;
import org.odonata.fs.hammer.check.HammerCheck;
import org.odonata.fs.hammer.check.Problem;
import org.odonata.fs.hammer.cleanup.PruneInterval;
import org.odonata.fs.hammer.cleanup.PrunePolicy;
import org.odonata.fs.hammer.cleanup.PruneReport;
import org.odonata.fs.hammer.cleanup.ReblockReport;
import org.odonata.fs.hammer.error.HammerException;
import org.odonata.fs.hammer.error.Printable;
import org.odonata.fs.hammer.fifo.RecoveryReport;
import org.odonata.fs.hammer.flush.FlushObserver;
import org.odonata.fs.hammer.fs.DirEntry;
import org.odonata.fs.hammer.fs.FileVersion;
import org.odonata.fs.hammer.fs.FsyncMode;
import org.odonata.fs.hammer.fs.HammerFs;
import org.odonata.fs.hammer.fs.MountOptions;
import org.odonata.fs.hammer.fs.NewfsOptions;
import org.odonata.fs.hammer.fs.Stat;
import org.odonata.fs.hammer.object.Snapshot;
import org.odonata.fs.hammer.ondisk.VolumeHeader;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code hammer:} commands over HAMMER images that are files on the host, so they survive restarts. The
 * shell has one mounted volume at a time, shared by all its sessions (a second mount is refused until
 * {@code hammer:umount}); every command that changes it syncs before returning, so the image is complete
 * whenever the prompt is back. Volumes are mounted with the host's wall clock, the one place in HAMMER that
 * reads it, so that history and snapshots show real times. Errors are one line; the shell keeps running.
 * <p>
 * An image is locked (a host file lock) while this shell has it open, so a second mount of it, from another
 * process or another shell, is refused, read-only or not (two mounts of one image would overwrite each other's
 * allocations). An unmount that cannot write the pending changes keeps the volume mounted with them.
 */
@Component(service = HammerCommands.class, immediate = true, property = {
    "osgi.command.scope=hammer",
    "osgi.command.function=newfs",
    "osgi.command.function=mount",
    "osgi.command.function=umount",
    "osgi.command.function=info",
    "osgi.command.function=ls",
    "osgi.command.function=cat",
    "osgi.command.function=write",
    "osgi.command.function=mkdir",
    "osgi.command.function=rm",
    "osgi.command.function=history",
    "osgi.command.function=snapshot",
    "osgi.command.function=snapls",
    "osgi.command.function=prune",
    "osgi.command.function=reblock",
    "osgi.command.function=check"})
public final class HammerCommands {

    private static final String NONE = "\u0000";
    /** Sector size of image devices; image sizes are rounded down to it. */
    private static final int SECTOR = 512;
    /** hammer:cat prints at most this much. */
    private static final int CAT_LIMIT = 16 << 20;
    /** hammer:write --from copies at most this much: the file is held in memory on its way in. */
    private static final long WRITE_LIMIT = 1L << 30;
    /** A volume's offsets have 52 bits ({@code HAMMER_OFF_SHORT_MASK}). */
    private static final long MAX_VOLUME_BYTES = 1L << 52;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Reference
    private BlockDevices devices;

    private MountedVolume mounted;

    @Deactivate
    synchronized void deactivate() {
        if (mounted != null) {
            MountedVolume m = mounted;
            mounted = null;
            try {
                m.close();
            } catch (RuntimeException e) {
                System.err.println("hammer: unmounting " + m.file() + " as the shell stops failed, its unsynced changes"
                        + " are lost: " + e.getMessage());
            }
        }
    }

    @Descriptor("format an image file (created sparse): hammer:newfs [--bigblock SIZE] [--version N] [--force] FILE"
            + " SIZE")
    public synchronized String newfs(
            @Descriptor("big-block size, a power of two from 64K to 8M") @Parameter(names = "--bigblock",
                    absentValue = "8M") String bigBlock,
            @Descriptor("on-disk version (newfs_hammer -V): 8, the default, hashes new directories' names with ALG1;"
                    + " 7 with the older ALG0") @Parameter(names = "--version", absentValue = "0") String version,
            @Descriptor("replace an existing file") @Parameter(names = "--force", presentValue = "true",
                    absentValue = "false") boolean force,
            @Descriptor("the image file, then the volume size, e.g. 256M or 4G") String... fileAndSize) {
        if (fileAndSize.length != 2) {
            throw new IllegalArgumentException("hammer:newfs needs a file and a size: hammer:newfs [--bigblock SIZE] "
                    + "[--version N] [--force] FILE SIZE, e.g. hammer:newfs disk.img 256M");
        }
        Path p = Path.of(fileAndSize[0]).toAbsolutePath();
        String size = fileAndSize[1];
        long bytes = ByteSize.parse(size) & -SECTOR;
        if (bytes > MAX_VOLUME_BYTES) {
            throw new IllegalArgumentException("size " + size + ": a HAMMER volume holds at most "
                    + ByteSize.format(MAX_VOLUME_BYTES) + " (52-bit offsets within a volume, hammer_disk.h)");
        }
        long bb = ByteSize.parse(bigBlock);
        NewfsOptions newfs = NewfsOptions.withBigBlock(bb).withVersion(volumeVersion(version));
        if (mounted != null && mounted.file().equals(p)) {
            throw new IllegalStateException(p + " is mounted; hammer:umount first");
        }
        if (Files.exists(p)) {
            if (!force) {
                throw new IllegalArgumentException(p + " exists; pass --force to replace it");
            }
            openImage(p, SECTOR).close();
            delete(p);
        }
        BlockDevice dev;
        try {
            dev = devices.open(spec(p, bytes));
        } catch (RuntimeException e) {
            // the host refused the file (too large for its filesystem, no space, no permission): leave nothing
            delete(p);
            throw new IllegalArgumentException("cannot make a " + ByteSize.format(bytes) + " image at " + p + ": "
                    + PlainMessage.of(e), e);
        }
        try (HammerFs fs = HammerFs.newfs(dev, newfs, options(false))) {
            var h = fs.volume().header();
            return String.format(Locale.ROOT, "formatted %s: version %d, %s, %d big-blocks of %s, %d free, UNDO "
                    + "FIFO %s", p, h.version(), ByteSize.format(h.volSize()), h.statBigBlocks(), ByteSize.format(bb),
                    h.statFreeBigBlocks(),
                    ByteSize.format(h.blockmap(org.odonata.fs.hammer.ondisk.ZoneOffset.UNDO).allocOffset()));
        } catch (RuntimeException e) {
            delete(p);
            throw e;
        } finally {
            dev.close();
        }
    }

    /** The --version of hammer:newfs: absent (0) is the current version. */
    private static int volumeVersion(String v) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n == 0) {
            return VolumeHeader.VERSION;
        }
        if (n < VolumeHeader.MIN_VERSION || n > VolumeHeader.VERSION) {
            throw new IllegalArgumentException("--version " + v + ": HAMMER volume versions are "
                    + VolumeHeader.MIN_VERSION + " to " + VolumeHeader.VERSION);
        }
        return n;
    }

    @Descriptor("mount an image file (one volume at a time): hammer:mount [--ro] FILE")
    public synchronized String mount(
            @Descriptor("read-only: recovery stays in memory, nothing is written") @Parameter(names = "--ro",
                    presentValue = "true", absentValue = "false") boolean readOnly,
            @Descriptor("the image file") String file) {
        if (mounted != null) {
            throw new IllegalStateException(mounted.file() + " is mounted; hammer:umount first (one volume at a time)");
        }
        Path p = Path.of(file).toAbsolutePath();
        long size;
        try {
            size = Files.isRegularFile(p) ? Files.size(p) & -SECTOR : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        if (size == 0) {
            throw new IllegalArgumentException(Files.exists(p) ? p + " is not a HAMMER image: it holds "
                    + (Files.isRegularFile(p) ? "less than one sector" : "no regular file") : "no image at " + p
                    + " (make one with hammer:newfs)");
        }
        BlockDevice dev = openImage(p, size);
        try {
            HammerFs fs = HammerFs.mount(dev, options(readOnly));
            mounted = new MountedVolume(p, dev, fs);
            RecoveryReport r = fs.recoveryReport();
            return "mounted " + p + (readOnly ? " read-only" : "") + (r.undoApplied() + r.redoReplayed() == 0 ? ""
                    : String.format(Locale.ROOT, " (recovered: %d UNDO records applied, %d REDO records replayed)",
                            r.undoApplied(), r.redoReplayed()));
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    @Descriptor("sync and unmount the mounted volume; if the sync fails the volume stays mounted with its changes")
    public synchronized String umount(
            @Descriptor("unmount even if pending changes cannot be written, dropping them (says how many)")
            @Parameter(names = "--discard", presentValue = "true", absentValue = "false") boolean discard) {
        MountedVolume m = volume();
        if (discard) {
            int dropped = m.fs().discard();
            mounted = null;
            m.device().close();
            return "unmounted " + m.file() + (dropped == 0 ? "" : " discarding the unsynced changes of " + dropped
                    + (dropped == 1 ? " file or directory" : " files and directories"));
        }
        try {
            m.fs().close();
        } catch (HammerException e) {
            throw new IllegalStateException("umount of " + m.file() + " failed: " + e.getMessage() + "; the volume stays"
                    + " mounted with its unsynced changes: free space (hammer:rm, hammer:prune) and hammer:umount"
                    + " again, or hammer:umount --discard to drop them", e);
        }
        mounted = null;
        m.device().close();
        return "unmounted " + m.file();
    }

    @Descriptor("the mounted volume's header, next TID, zone usage, free big-blocks and UNDO span")
    public synchronized String info() {
        return VolumeInfo.render(volume());
    }

    @Descriptor("list a directory (or describe a file): type, object id, size, name")
    public synchronized String ls(@Descriptor("absolute path, optionally PATH@@0x<tid> to list it as of a TID")
            String path) {
        HammerFs fs = fs();
        Stat st = fs.stat(path);
        if (!st.isDirectory()) {
            return line(st, path);
        }
        StringBuilder out = new StringBuilder();
        for (DirEntry e : fs.readdir(path)) {
            out.append(line(fs.stat(child(path, e.name())), e.name())).append('\n');
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("print a file as UTF-8 text")
    public synchronized String cat(@Descriptor("absolute path, optionally PATH@@0x<tid> to read it as of a TID")
            String path) {
        HammerFs fs = fs();
        long size = fs.stat(path).size();
        if (size > CAT_LIMIT) {
            throw new IllegalArgumentException(path + " has " + size + " bytes; hammer:cat prints at most " + CAT_LIMIT);
        }
        return new String(fs.read(path, 0, (int) size), StandardCharsets.UTF_8);
    }

    @Descriptor("replace a file's contents with TEXT (creating it): hammer:write PATH TEXT")
    public synchronized String write(
            @Descriptor("take the contents from this host file instead") @Parameter(names = "--from",
                    absentValue = NONE) String from,
            @Descriptor("absolute path") String path,
            @Descriptor("the new contents") String text) {
        if (!from.equals(NONE)) {
            throw new IllegalArgumentException("give TEXT or --from HOSTFILE, not both");
        }
        return replace(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Descriptor("replace a file's contents with a host file's (creating it): hammer:write --from HOSTFILE PATH")
    public synchronized String write(
            @Descriptor("the host file to copy") @Parameter(names = "--from", absentValue = NONE) String from,
            @Descriptor("absolute path") String path) {
        if (from.equals(NONE)) {
            throw new IllegalArgumentException("give TEXT or --from HOSTFILE");
        }
        Path source = Path.of(from);
        try {
            if (!Files.isRegularFile(source)) {
                throw new IllegalArgumentException("--from " + from + ": " + (Files.exists(source)
                        ? "not a regular file (a device or a folder has no end to copy)" : "no such file"));
            }
            if (Files.size(source) > WRITE_LIMIT) {
                throw new IllegalArgumentException("--from " + from + ": " + Files.size(source) + " bytes; "
                        + "hammer:write copies at most " + ByteSize.format(WRITE_LIMIT));
            }
            return replace(path, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new IllegalArgumentException("--from " + from + ": cannot read it: " + PlainMessage.of(e));
        }
    }

    @Descriptor("make a directory")
    public synchronized String mkdir(@Descriptor("absolute path") String path) {
        HammerFs fs = fs();
        fs.mkdir(path);
        return "created " + path + " as of TID " + hex(fs.sync());
    }

    @Descriptor("remove a file or an empty directory (its history stays until pruned)")
    public synchronized String rm(@Descriptor("absolute path") String path) {
        HammerFs fs = fs();
        if (fs.stat(path).isDirectory()) {
            fs.rmdir(path);
        } else {
            fs.unlink(path);
        }
        return "removed " + path + " as of TID " + hex(fs.sync());
    }

    @Descriptor("every version of a file or directory: create and delete TIDs and times, size, links")
    public synchronized String history(@Descriptor("absolute path") String path) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-18s  %-18s  %-20s  %-20s  %10s  %s%n",
                "CREATE_TID", "DELETE_TID", "CREATED", "DELETED", "SIZE", "LINKS"));
        for (FileVersion v : fs().history(path)) {
            out.append(String.format(Locale.ROOT, "%-18s  %-18s  %-20s  %-20s  %10d  %d%n", hex(v.createTid()),
                    v.current() ? "(current)" : hex(v.deleteTid()), TIME.format(Instant.ofEpochSecond(v.createTs())),
                    v.current() ? "-" : TIME.format(Instant.ofEpochSecond(v.deleteTs())), v.size(), v.nlinks()));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("take a snapshot of the volume as it is now")
    public synchronized String snapshot(@Descriptor("a label, at most 64 bytes") String label) {
        Snapshot s = fs().snapshot(label);
        return "snapshot " + hex(s.tid()) + (label.isEmpty() ? "" : " '" + label + "'") + ": read it as PATH@@"
                + hex(s.tid());
    }

    @Descriptor("take an unlabelled snapshot of the volume as it is now")
    public synchronized String snapshot() {
        return snapshot("");
    }

    @Descriptor("list the snapshots, oldest first: TID, time, label")
    public synchronized String snapls() {
        StringBuilder out = new StringBuilder();
        for (Snapshot s : fs().snapshots()) {
            out.append(String.format(Locale.ROOT, "%s  %s  %s%n", hex(s.tid()),
                    TIME.format(Instant.ofEpochSecond(0, s.timestamp())), s.label().isEmpty() ? "-" : s.label()));
        }
        return out.isEmpty() ? "no snapshots" : out.toString().stripTrailing();
    }

    @Descriptor("physically remove history (never what a snapshot shows): hammer:prune --everything | --before T"
            + " | --from A --to B [--every N]; T, A, B, N are TIDs, or seconds with --seconds")
    public synchronized String prune(
            @Descriptor("remove all history (prune-everything)") @Parameter(names = "--everything",
                    presentValue = "true", absentValue = "false") boolean everything,
            @Descriptor("remove history that ended by this TID (or time)") @Parameter(names = "--before",
                    absentValue = NONE) String before,
            @Descriptor("start of a retention interval") @Parameter(names = "--from", absentValue = NONE) String from,
            @Descriptor("end of a retention interval") @Parameter(names = "--to", absentValue = NONE) String to,
            @Descriptor("keep one version per this many TIDs (or seconds) in the interval; 0 keeps none")
            @Parameter(names = "--every", absentValue = "0") String every,
            @Descriptor("the numbers are record times in seconds since 1970, not TIDs") @Parameter(names = "--seconds",
                    presentValue = "true", absentValue = "false") boolean seconds) {
        PruneInterval.Unit unit = seconds ? PruneInterval.Unit.SECONDS : PruneInterval.Unit.TID;
        boolean interval = !from.equals(NONE) || !to.equals(NONE);
        PrunePolicy policy;
        if (everything && before.equals(NONE) && !interval) {
            policy = PrunePolicy.everything();
        } else if (!everything && !before.equals(NONE) && !interval) {
            policy = PrunePolicy.intervals(new PruneInterval(unit, 0, number("--before", before), number("--every", every)));
        } else if (!everything && before.equals(NONE) && !from.equals(NONE) && !to.equals(NONE)) {
            policy = PrunePolicy.intervals(new PruneInterval(unit, number("--from", from), number("--to", to),
                    number("--every", every)));
        } else {
            throw new IllegalArgumentException("say what to prune, one way: --everything, --before T, or --from A --to B"
                    + " [--every N]");
        }
        PruneReport r = fs().prune(policy);
        return String.format(Locale.ROOT, "pruned %d of %d records (%d kept for snapshots), %,d data bytes freed,"
                + " %d flush groups", r.pruned(), r.examined(), r.keptForSnapshots(), r.dataBytes(), r.groups());
    }

    @Descriptor("move nodes and data out of big-blocks less full than --fill percent, freeing whole big-blocks")
    public synchronized String reblock(@Descriptor("fill threshold in percent (DragonFly's default: 100)")
            @Parameter(names = "--fill", absentValue = "100") String fill) {
        ReblockReport r = fs().reblock(Args.count("--fill", fill, 0, 100));
        return String.format(Locale.ROOT, "reblocked %d big-blocks: %d nodes and %d records (%,d bytes) moved, %d"
                + " skipped; free big-blocks %d -> %d, %d flush groups", r.sources(), r.nodesMoved(), r.recordsMoved(),
                r.bytesMoved(), r.skipped(), r.freeBefore(), r.freeAfter(), r.groups());
    }

    @Descriptor("verify the mounted volume end to end; prints every problem and fails if there is any")
    public synchronized String check() {
        HammerFs fs = fs();
        if (!fs.readOnly()) {
            fs.sync();
        }
        return report(HammerCheck.run(fs));
    }

    @Descriptor("verify an image file without mounting it (it may be one that will not mount): recovery is applied in"
            + " memory, nothing is written; prints every problem and fails if there is any")
    public synchronized String check(@Descriptor("the image file") String file) {
        Path p = Path.of(file).toAbsolutePath();
        if (mounted != null && mounted.file().equals(p)) {
            return check();
        }
        long size;
        try {
            size = Files.isRegularFile(p) ? Files.size(p) & -SECTOR : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        if (size == 0) {
            throw new IllegalArgumentException(Files.exists(p) ? p + " is not a HAMMER image: it is empty"
                    : "no image at " + p);
        }
        try (BlockDevice dev = openImage(p, size)) {
            return report(HammerCheck.image(dev));
        }
    }

    private static String report(CheckReport r) {
        if (r.clean()) {
            return r.summary();
        }
        for (Problem p : r.problems()) {
            System.out.println(p);
        }
        throw new IllegalStateException("hammer:check: " + r.summary());
    }

    /** The device over an image file, with the image's lock; a lock another process holds refuses the open. */
    private BlockDevice openImage(Path p, long size) {
        try {
            return devices.open(spec(p, size));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(p + " is in use: " + e.getMessage() + " (is it mounted in another shell?"
                    + " Two mounts of one image would overwrite each other's data)", e);
        }
    }

    /** Writes first and truncates after, so a write refused for space (ENOSPC) leaves the file as it was. */
    private String replace(String path, byte[] contents) {
        HammerFs fs = fs();
        boolean created = !fs.exists(path);
        if (created) {
            fs.create(path);
        }
        try {
            fs.write(path, 0, contents);
        } catch (HammerException e) {
            if (created) {
                fs.unlink(path);
            }
            throw e;
        }
        fs.truncate(path, contents.length);
        return "wrote " + contents.length + " bytes to " + path + " as of TID " + hex(fs.sync());
    }

    private MountedVolume volume() {
        if (mounted == null) {
            throw new IllegalStateException("no volume mounted (hammer:mount FILE)");
        }
        return mounted;
    }

    private HammerFs fs() {
        return volume().fs();
    }

    private static MountOptions options(boolean readOnly) {
        return new MountOptions(readOnly, () -> System.currentTimeMillis() * 1_000_000L, FsyncMode.REDO,
                FlushObserver.NONE);
    }

    /** An image device: no service model (RAM) and no write cache, as a tool wants it. */
    private static DiskSpec spec(Path file, long size) {
        return new DiskSpec("hammer", DiskKind.RAM, size, SECTOR, file.toString(), false);
    }

    private static String line(Stat st, String name) {
        return String.format(Locale.ROOT, "%s  %s  %12d  %s%s", st.isDirectory() ? "d" : "-", hex(st.objId()),
                st.size(), Printable.escape(name), st.isDirectory() ? "/" : "");
    }

    private static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static long number(String option, String s) {
        try {
            if (s.startsWith("0x")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Args.integer(option, s, 0, Long.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": expected a non-negative number, or a TID as 0x<hex>, got '"
                    + s + "'");
        }
    }

    private static String hex(long tid) {
        return String.format("0x%016x", tid);
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + p, e);
        }
    }
}
