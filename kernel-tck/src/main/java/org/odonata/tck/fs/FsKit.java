package org.odonata.tck.fs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.FileStat;
import org.odonata.api.vfs.SysResult;
import org.odonata.tck.Platform;
import org.odonata.tck.Property;
import org.odonata.tck.TckReport;
import org.odonata.tck.sched.ReferenceScheduler;
import org.odonata.tck.sched.sim.Topologies;
import org.odonata.tck.sync.ReferenceTokens;

/**
 * The filesystem conformance kit ({@code tck:run fs NAME}). A process in a real kernel mounts the type on
 * {@code /tck} and makes seeded random calls (create, write at an offset, truncate, read, mkdir, rmdir, unlink,
 * rename, link, symlink, readlink, readdir) that a model of the tree ({@link TreeModel}) says must succeed, checking
 * every result, every file's bytes and size, and every directory's names against the model; then unmounts. The VFS
 * checks names, permissions and existence before it calls the filesystem, so the kit tests what the filesystem
 * adds: contents, links and names kept right. The kernel's VFS must know the type: in the shell every registered
 * type; in a unit test, pass a kernel wired with it ({@code Platform.of}). The properties: {@code model}, {@code
 * readdir} (a directory of 300 names listed through a small buffer gives each once, also after half are removed)
 * and {@code determinism}.
 */
public final class FsKit {

    private static final long MS = 1_000_000L;
    private static final String ROOT = "/tck";
    /** The blank disk a filesystem that needs a device is mounted from, asking it to format the disk first. */
    private static final String DISK = "tck0";
    private static final String FORMAT_FIRST = "newfs";
    private static final String[] NAMES = {"a", "b", "c", "d", "e", "f"};

    private final String type;
    private final Platform platform;
    /** Whether the type needs a device, learnt from the first mount (ENXIO without one). */
    private boolean onDevice;

    private FsKit(String type, Platform platform) {
        this.type = type;
        this.platform = platform;
    }

    public static TckReport run(String type, Platform platform) {
        return new TckReport("fs", type, properties(type, platform).stream().map(Property::evaluate).toList());
    }

    public static void assertConforms(String type, Platform platform) {
        run(type, platform).assertPassed();
    }

    public static List<Property> properties(String type, Platform platform) {
        FsKit kit = new FsKit(type, platform);
        return List.of(
                new Property("model", kit::model),
                new Property("readdir", kit::readdir),
                new Property("determinism", kit::determinism));
    }

    /**
     * Runs {@code program} in a fresh kernel until it ends; returns its first discrepancy, or null, and the digest.
     * A memory filesystem is mounted on {@code /tck} from no device; one that needs a device (ENXIO without one)
     * from a blank 256 MB disk, with the option {@code newfs} (format it first, as {@code fs:mount} takes it).
     */
    private String[] inKernel(long seed, Program program) {
        MachineSpec base = MachineSpec.of("tck-fs", Topologies.symmetric("smp-4", 1, 4, 1));
        List<DiskSpec> disks = onDevice ? List.of(new DiskSpec(DISK, DiskKind.NVME, 256L << 20, 4096, null, false))
                : base.disks();
        boolean[] needsDevice = {false};
        try (Kernel k = platform.requireKernels().boot(platform.machines().create(new MachineSpec(base.name(),
                base.topology(), base.costs(), disks, seed, platform.engine())), new ReferenceScheduler(),
                new ReferenceTokens())) {
            String[] failure = new String[1];
            k.spawn("tck-fs", sys -> {
                try {
                    check(sys.mkdirat(Fcntl.AT_FDCWD, bytes(ROOT), 0755) == 0, "mkdir " + ROOT + " on the root");
                    int rc = onDevice ? sys.mount(type, DISK, bytes(ROOT), 0, FORMAT_FIRST)
                            : sys.mount(type, null, bytes(ROOT), 0, null);
                    if (rc == Errno.ENXIO.negated() && !onDevice) {
                        needsDevice[0] = true;
                        return;
                    }
                    check(rc == 0, "mount -t " + type + " " + (onDevice ? DISK : "none") + " " + ROOT + " returned "
                            + rc + " (the kernel's VFS does not know the type, or its mount failed)");
                    program.run(sys);
                    check(sys.unmount(bytes(ROOT), 0) == 0, "unmount " + ROOT + " failed with nothing open");
                } catch (AssertionError e) {
                    failure[0] = e.getMessage();
                }
            });
            for (int i = 0; i < 200 && k.processes() > 0; i++) {
                k.runFor(50 * MS);
            }
            check(k.faults().isEmpty(), "the kernel recorded faults: " + String.join("; ", k.faults()));
            check(failure[0] != null || k.processes() == 0, "the process had not finished after 10 virtual s");
            if (!needsDevice[0]) {
                return new String[] {failure[0], k.digest()};
            }
        }
        onDevice = true;
        return inKernel(seed, program);
    }

    @FunctionalInterface
    private interface Program {
        void run(Syscalls sys);
    }

    private String model() {
        for (long seed = 1; seed <= 3; seed++) {
            long s = seed;
            String failure = inKernel(seed, sys -> randomOperations(sys, s, 600))[0];
            check(failure == null, "seed " + seed + ": " + failure);
        }
        return "3 seeds × 600 random calls on a mounted " + type + ": every result, file and directory as the model "
                + "says";
    }

    private String readdir() {
        String failure = inKernel(4, sys -> {
            String dir = ROOT + "/many";
            check(sys.mkdirat(Fcntl.AT_FDCWD, bytes(dir), 0755) == 0, "mkdir " + dir);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String n = "entry-" + i;
                names.add(n);
                int fd = sys.openat(Fcntl.AT_FDCWD, bytes(dir + "/" + n), Fcntl.O_CREAT | Fcntl.O_WRONLY, 0644);
                check(fd >= 0, "create " + dir + "/" + n + ": " + fd);
                sys.close(fd);
            }
            checkListing(sys, dir, names, 256);
            for (int i = 0; i < 300; i += 2) {
                check(sys.unlinkat(Fcntl.AT_FDCWD, bytes(dir + "/entry-" + i), 0) == 0, "unlink entry-" + i);
                names.remove("entry-" + i);
            }
            checkListing(sys, dir, names, 512);
        })[0];
        check(failure == null, failure);
        return "300 names listed through a 256-byte buffer each once, then the 150 left after removing half";
    }

    private String determinism() {
        String[] a = inKernel(9, sys -> randomOperations(sys, 9, 300));
        String[] b = inKernel(9, sys -> randomOperations(sys, 9, 300));
        check(a[0] == null, a[0]);
        check(a[1].equals(b[1]), "two runs of the same calls on the same seed ended in different kernel digests "
                + "(an unseeded random source or the host clock?)");
        return "two runs of the same 300 calls with the same seed ended with the same kernel digest";
    }

    /** Seeded calls that the model says succeed, each checked. */
    private static void randomOperations(Syscalls sys, long seed, int steps) {
        RandomGenerator r = new java.util.SplittableRandom(seed);
        TreeModel m = new TreeModel(ROOT);
        for (int step = 0; step < steps; step++) {
            String dir = randomDir(m, r);
            String path = dir + "/" + NAMES[r.nextInt(NAMES.length)];
            TreeModel.Entry e = m.get(path);
            String at = "step " + step + ": ";
            switch (r.nextInt(10)) {
                case 0, 1 -> {
                    if (e == null) {
                        int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_CREAT | Fcntl.O_EXCL | Fcntl.O_WRONLY,
                                0644);
                        check(fd >= 0, at + "create " + path + " returned " + fd);
                        sys.close(fd);
                        m.put(path, new TreeModel.Entry(new TreeModel.Content(), null));
                    }
                }
                case 2, 3 -> {
                    if (e != null && e.file() != null) {
                        long offset = r.nextInt(3 * 4096);
                        byte[] data = new byte[1 + r.nextInt(5000)];
                        r.nextBytes(data);
                        int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_WRONLY, 0);
                        check(fd >= 0, at + "open " + path + " for writing returned " + fd);
                        int n = sys.pwrite(fd, data, 0, data.length, offset);
                        sys.close(fd);
                        check(n == data.length, at + "pwrite of " + data.length + " bytes at " + offset + " to " + path
                                + " returned " + n);
                        TreeModel.write(e.file(), offset, data);
                    }
                }
                case 4 -> {
                    if (e != null && e.file() != null) {
                        long len = r.nextInt(2 * 4096);
                        check(sys.truncate(bytes(path), len) == 0, at + "truncate " + path + " to " + len);
                        TreeModel.truncate(e.file(), len);
                    }
                }
                case 5 -> {
                    if (e == null && depth(dir) < 3) {
                        check(sys.mkdirat(Fcntl.AT_FDCWD, bytes(path), 0755) == 0, at + "mkdir " + path);
                        m.put(path, new TreeModel.Entry(null, null));
                    } else if (e != null && e.dir() && m.children(path).isEmpty()) {
                        check(sys.unlinkat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_REMOVEDIR) == 0, at + "rmdir " + path);
                        m.remove(path);
                    }
                }
                case 6 -> {
                    if (e != null && !e.dir()) {
                        check(sys.unlinkat(Fcntl.AT_FDCWD, bytes(path), 0) == 0, at + "unlink " + path);
                        m.remove(path);
                    }
                }
                case 7 -> {
                    String to = randomDir(m, r) + "/" + NAMES[r.nextInt(NAMES.length)];
                    TreeModel.Entry dst = m.get(to);
                    // renaming one link of a file onto another does nothing in POSIX: the model leaves it out
                    boolean ok = e != null && !to.equals(path) && !(to + "/").startsWith(path + "/")
                            && (dst == null || !dst.dir() && !e.dir()
                                    && (dst.file() == null || dst.file() != e.file()));
                    if (ok) {
                        int rc = sys.renameat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_FDCWD, bytes(to));
                        check(rc == 0, at + "rename " + path + " to " + to + " returned " + rc);
                        m.rename(path, to);
                    }
                }
                case 8 -> {
                    String to = randomDir(m, r) + "/" + NAMES[r.nextInt(NAMES.length)];
                    if (e != null && e.file() != null && m.get(to) == null) {
                        check(sys.linkat(Fcntl.AT_FDCWD, bytes(path), Fcntl.AT_FDCWD, bytes(to), 0) == 0,
                                at + "link " + path + " to " + to);
                        e.file().links++;
                        m.put(to, new TreeModel.Entry(e.file(), null));
                    } else if (e == null) {
                        byte[] target = bytes("target-" + r.nextInt(1000));
                        check(sys.symlinkat(target, Fcntl.AT_FDCWD, bytes(path)) == 0, at + "symlink " + path);
                        m.put(path, new TreeModel.Entry(null, target));
                    }
                }
                default -> verify(sys, m, path, at);
            }
        }
        verifyAll(sys, m, ROOT);
    }

    /** Checks one path against the model: a file's size, links and bytes, a link's target, a directory's names. */
    private static void verify(Syscalls sys, TreeModel m, String path, String at) {
        TreeModel.Entry e = m.get(path);
        if (e == null) {
            return;
        }
        if (e.dir()) {
            checkListing(sys, path, m.children(path), 4096);
        } else if (e.target() != null) {
            byte[] buf = new byte[256];
            int n = sys.readlinkat(Fcntl.AT_FDCWD, bytes(path), buf);
            check(n == e.target().length && Arrays.equals(Arrays.copyOf(buf, n), e.target()),
                    at + "readlink " + path + " gave " + n + " bytes, not its target");
        } else {
            SysResult<FileStat> st = sys.fstatat(Fcntl.AT_FDCWD, bytes(path), 0);
            check(st.ok() && st.value().size() == e.file().bytes.length && st.value().nlink() == e.file().links,
                    at + "stat " + path + ": " + st + ", the model has " + e.file().bytes.length + " bytes and "
                            + e.file().links + " links");
            byte[] buf = new byte[e.file().bytes.length + 16];
            int fd = sys.openat(Fcntl.AT_FDCWD, bytes(path), Fcntl.O_RDONLY, 0);
            int n = sys.pread(fd, buf, 0, buf.length, 0);
            sys.close(fd);
            check(n == e.file().bytes.length && Arrays.equals(Arrays.copyOf(buf, n), e.file().bytes),
                    at + "read " + path + ": " + n + " bytes that differ from the " + e.file().bytes.length
                            + " written");
        }
    }

    private static void verifyAll(Syscalls sys, TreeModel m, String dir) {
        verify(sys, m, dir, "at the end: ");
        for (String child : m.children(dir)) {
            verify(sys, m, dir + "/" + child, "at the end: ");
            if (m.isDir(dir + "/" + child)) {
                verifyAll(sys, m, dir + "/" + child);
            }
        }
    }

    /**
     * Lists {@code dir} with getdents through {@code buffer}-byte reads: the names must be {@code expected}, once each.
     */
    private static void checkListing(Syscalls sys, String dir, List<String> expected, int buffer) {
        int fd = sys.openat(Fcntl.AT_FDCWD, bytes(dir), Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        check(fd >= 0, "open directory " + dir + ": " + fd);
        List<String> seen = new ArrayList<>();
        while (true) {
            SysResult<List<DirEntry>> batch = sys.getdents(fd, buffer);
            check(batch.ok(), "getdents " + dir + ": " + batch.errno());
            if (batch.value().isEmpty()) {
                break;
            }
            for (DirEntry d : batch.value()) {
                String n = d.nameString();
                if (!n.equals(".") && !n.equals("..")) {
                    seen.add(n);
                }
            }
        }
        sys.close(fd);
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        List<String> want = new ArrayList<>(expected);
        want.sort(null);
        check(sorted.equals(want), "readdir " + dir + " gave " + seen + ", the model has " + want);
    }

    private static String randomDir(TreeModel m, RandomGenerator r) {
        String dir = ROOT;
        while (r.nextInt(3) == 0) {
            String parent = dir;
            List<String> subdirs = m.children(parent).stream().filter(c -> m.isDir(parent + "/" + c)).toList();
            if (subdirs.isEmpty()) {
                break;
            }
            dir = dir + "/" + subdirs.get(r.nextInt(subdirs.size()));
        }
        return dir;
    }

    private static int depth(String dir) {
        return (int) dir.chars().filter(c -> c == '/').count() - 1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static void check(boolean ok, String failure) {
        if (!ok) {
            throw new AssertionError(failure);
        }
    }
}
