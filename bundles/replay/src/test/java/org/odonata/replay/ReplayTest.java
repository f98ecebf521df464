package org.odonata.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.RootFs;
import org.odonata.api.vfs.VfsSyscalls;
import org.odonata.fs.hammer.vfs.HammerType;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.replay.mtree.MtreeSpec;
import org.odonata.replay.mtree.MtreeVerifier;
import org.odonata.replay.mtree.SimTree;
import org.odonata.replay.strace.StraceReader;
import org.odonata.replay.strace.Trace;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/**
 * Real programs' traces (recorded with strace by {@code traces/record.sh}: coreutils, tar, cp -a, git, and pjdfstest's
 * conformance scripts run as root) replayed on a booted kernel: every call under the traced directory gets the result
 * the host's filesystem gave, and the tree left behind is the one mtree(8) recorded.
 */
class ReplayTest {

    static Kernel boot(long seed) {
        return boot(seed, "tmpfs");
    }

    /** A kernel whose root is {@code tmpfs}, or {@code hammer} on a 1 GiB NVMe disk made at boot. */
    static Kernel boot(long seed, String rootfs) {
        List<DiskSpec> disks = rootfs.equals("hammer")
                ? List.of(new DiskSpec("nvme0", DiskKind.NVME, 1L << 30, 4096, null, true)) : List.of();
        var machine = new MachineFactoryComponent().create(new MachineSpec("t", Presets.topology("smp-4"),
                CostModel.defaults(), disks, seed, EngineKind.CONTINUATION));
        var locks = new LockFactoryComponent();
        var vfs = new VfsComponent(locks, List.of(new TmpfsType(), new HammerType(locks)));
        return new KernelFactoryComponent(locks, vfs).boot(machine, new DflyFactory(), new LwktTokenFactory(),
                new RootFs(rootfs, null));
    }

    /** A recorded trace, {@code NAME.strace} or gzipped {@code NAME.strace.gz}. */
    static Trace trace(String name) throws IOException {
        InputStream plain = ReplayTest.class.getResourceAsStream("/traces/" + name + ".strace");
        try (InputStream in = plain != null ? plain
                : new GZIPInputStream(ReplayTest.class.getResourceAsStream("/traces/" + name + ".strace.gz"))) {
            return StraceReader.parse(name + ".strace",
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1)));
        }
    }

    static MtreeSpec tree(String name) throws IOException {
        try (InputStream in = ReplayTest.class.getResourceAsStream("/traces/" + name + ".mtree")) {
            return MtreeSpec.parse(name + ".mtree", new BufferedReader(new StringReader(
                    new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))));
        }
    }

    static ReplayReport replay(Kernel k, Trace t, String cwd) {
        ReplayRun run = ReplayRun.plan(k, t, ReplayOptions.of(cwd, ReplayOptions.DEFAULT_INTO, 022));
        run.start();
        long limit = k.now() + 120_000_000_000L;
        while (!run.finished() && k.now() < limit) {
            k.runFor(1_000_000L);
        }
        assertTrue(run.finished(), "the replay finished within 120 s of virtual time");
        return run.report();
    }

    static <T> T inProcess(Kernel k, Function<Syscalls, T> body) {
        Object[] out = new Object[1];
        boolean[] done = new boolean[1];
        k.spawn("check", sys -> {
            out[0] = body.apply(sys);
            done[0] = true;
        });
        while (!done[0]) {
            k.runFor(1_000_000L);
        }
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    static final List<String> TRACES = List.of("shell", "tar-cp", "git", "patch-unzip-rsync", "pjd-mkdir", "pjd-rmdir",
            "pjd-symlink", "pjd-truncate", "pjd-open", "pjd-mkdir-05", "pjd-mkdir-06", "pjd-unlink", "pjd-rename",
            "pjd-link", "pjd-chmod", "pjd-open-24", "sqlite", "make-gcc", "fifo");

    /** Every recorded trace on each root filesystem. */
    static Stream<Arguments> tracesOnEachFs() {
        return Stream.of("tmpfs", "hammer").flatMap(fs -> TRACES.stream().map(t -> Arguments.of(t, fs)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("tracesOnEachFs")
    void aRecordedProgramReplaysWithoutMismatchAndLeavesTheRecordedTree(String name, String fs) throws IOException {
        Kernel k = boot(7, fs);
        ReplayReport r = replay(k, trace(name), "/tmp/odonata-trace/" + name);
        assertTrue(r.ok(), r.format(20));
        assertTrue(r.replayed() > 10, r.format(20));
        MtreeSpec spec = tree(name);
        List<String> diffs = inProcess(k, sys -> MtreeVerifier.verify(new SimTree(sys),
                "/replay".getBytes(StandardCharsets.UTF_8), spec));
        assertEquals(List.of(), diffs);
    }

    static Trace text(String trace) throws IOException {
        return StraceReader.parse("t.strace", new BufferedReader(new StringReader(trace)));
    }

    @Test
    void pathsLeavingDirThroughDotDotAreOutsideUnknownCallsAreNamedAndUnsupportedFlagsFail() throws IOException {
        ReplayReport r = replay(boot(3), text("""
                1 openat(AT_FDCWD, "../d/x", O_WRONLY|O_CREAT, 0644) = 3
                1 mkdir("a/../../d/y", 0755) = 0
                1 mkdir("/h/d/y", 0755) = 0
                1 frobnicate(1) = 0
                1 openat(AT_FDCWD, "z", O_RDWR|O_TMPFILE, 0600) = 4
                1 exit_group(0) = ?
                """), "/h/d");
        assertEquals(1, r.replayed(), r.format(20));
        assertEquals(Map.of("outside DIR", 2L, "not a file call", 1L), r.skippedBy());
        assertEquals(Map.of("frobnicate", 1L), r.unknownBy());
        assertEquals(Map.of("openat flag O_TMPFILE", 1L), r.unsupportedBy());
        assertFalse(r.ok());
    }

    @Test
    void aChildInheritsDescriptorsAndExecClosesTheCloseOnExecOnes() throws IOException {
        ReplayReport r = replay(boot(3), text("""
                10 openat(AT_FDCWD, "f", O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = 3
                10 openat(AT_FDCWD, "g", O_WRONLY|O_CREAT, 0600) = 4
                10 vfork( <unfinished ...>
                11 execve("/bin/true", ["true"], 0x7ffd /* 3 vars */ <unfinished ...>
                10 <... vfork resumed>) = 11
                11 <... execve resumed>) = 0
                11 write(3, "a", 1) = -1 EBADF (Bad file descriptor)
                11 write(4, "bc", 2) = 2
                11 dup2(4, 7) = 7
                11 fstat(7, {st_mode=S_IFREG|0600, st_size=2, ...}) = 0
                11 exit_group(0) = ?
                11 +++ exited with 0 +++
                10 write(3, "x", 1) = 1
                10 lseek(4, 0, SEEK_CUR) = 2
                10 close(4) = 0
                10 fstat(4, 0x7ffd) = -1 EBADF (Bad file descriptor)
                10 exit_group(0) = ?
                """), "/h/d");
        // the exec compares the descriptors the simulated kernel closed with those the trace marked close-on-exec;
        // calls on descriptors the process no longer has are outside
        assertTrue(r.ok(), r.format(20));
        assertEquals(10, r.replayed(), r.format(20));
        assertEquals(Map.of("outside DIR", 2L, "not a file call", 2L), r.skippedBy());
    }

    @Test
    void aSocketBoundUnderDirIsMadeThenAndItsFileOutlivesItOthersAreNoFileCalls() throws IOException {
        Kernel k = boot(3);
        ReplayReport r = replay(k, text("""
                1 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3
                1 connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)
                1 close(3) = 0
                1 socket(AF_UNIX, SOCK_STREAM, 0) = 3
                1 bind(3, {sa_family=AF_UNIX, sun_path="s"}, 110) = 0
                1 fstat(3, {st_mode=S_IFSOCK|0777, st_size=0, ...}) = 0
                1 socket(AF_UNIX, SOCK_DGRAM, 0) = 4
                1 bind(4, {sa_family=AF_UNIX, sun_path="s"}, 110) = -1 EADDRINUSE (Address already in use)
                1 bind(4, {sa_family=AF_UNIX, sun_path=@"abstract"}, 110) = 0
                1 lstat("s", {st_mode=S_IFSOCK|0755, st_size=0, ...}) = 0
                1 openat(AT_FDCWD, "s", O_RDONLY) = -1 ENXIO (No such device or address)
                1 connect(5, {sa_family=AF_UNIX, sun_path="s"}, 110) = -1 ECONNREFUSED (Connection refused)
                1 exit_group(0) = ?
                """), "/h/d");
        // bind, fstat, bind (EADDRINUSE), lstat, openat
        assertEquals(5, r.replayed(), r.format(20));
        assertEquals(0, r.mismatched(), r.format(20));
        assertEquals(Map.of("connect of a UNIX-domain socket under DIR", 1L), r.unsupportedBy());
        assertEquals(Map.of("outside DIR", 3L, "not a file call", 4L), r.skippedBy());
        int mode = inProcess(k, sys -> sys.fstatat(Fcntl.AT_FDCWD, VfsSyscalls.path("/replay/s"),
                Fcntl.AT_SYMLINK_NOFOLLOW).value().mode());
        assertEquals(Fcntl.S_IFSOCK | 0755, mode, "the socket file stays after the process exits");
    }

    @Test
    void aMismatchNamesTheTraceLineAndWhatDiffered() throws IOException {
        ReplayReport r = replay(boot(3), text("""
                1 openat(AT_FDCWD, "f", O_RDWR|O_CREAT, 0644) = 3
                1 write(3, "abc", 3) = 3
                1 pread64(3, "abd", 3, 0) = 3
                1 fstat(3, {st_mode=S_IFREG|0600, st_size=3, ...}) = 0
                1 unlink("nothing") = 0
                """), "/h/d");
        assertEquals(List.of("t.strace:3: pread64(3, \"abd\", 3, 0) = 3: data differs at byte 2",
                "t.strace:4: fstat(3, {st_mode=S_IFREG|0600, st_size=3, ...}) = 0: mode 0644, the trace shows 0600",
                "t.strace:5: unlink(\"nothing\") = 0: got -1 ENOENT"),
                r.mismatches().stream().map(m -> "t.strace:" + m.line() + ": " + m.call() + ": " + m.what()).toList());
    }
}
