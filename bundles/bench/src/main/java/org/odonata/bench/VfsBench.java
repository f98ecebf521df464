package org.odonata.bench;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.VfsSyscalls;
import org.odonata.sched.fifo.FifoFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

/**
 * The VFS's host cost on the full system-call path, against jimfs (Google's in-memory Java filesystem) doing the
 * same operations in the same run: {@code stat} of a cached 4-component path ({@code /a/b/c/d}: a namecache hit per
 * component, search permission checked on each directory, {@code VOP_GETATTR} on the leaf), and {@code openat} plus
 * {@code close} of it. The simulated side is one process on a one-CPU machine with a tmpfs root calling in a loop;
 * each invocation advances virtual time by {@value #SLICE} ns and counts the calls made (JMH reports them per host
 * second as {@code calls}: host ns per call is 10^9 / that rate). Virtual time is accounted all along.
 */
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
public class VfsBench {

    private static final long SLICE = 1_000_000L;
    private static final String PATH = "/a/b/c/d";

    /** Calls made, reported per host second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Calls {
        public long calls;
    }

    /** A kernel whose one process makes one kind of call on {@code /a/b/c/d} forever, counting. */
    public abstract static class Looping {
        Kernel kernel;
        final long[] count = new long[1];

        abstract void call(Syscalls sys, byte[] path);

        void start() {
            kernel = KernelBench.boot("uniprocessor", new FifoFactory());
            kernel.spawn("bench", sys -> {
                sys.mkdir("/a", 0755);
                sys.mkdir("/a/b", 0755);
                sys.mkdir("/a/b/c", 0755);
                sys.close(sys.open(PATH, Fcntl.O_CREAT | Fcntl.O_WRONLY, 0644));
                byte[] path = VfsSyscalls.path(PATH);
                while (true) {
                    call(sys, path);
                    count[0]++;
                }
            });
            kernel.runFor(SLICE);
        }

        long advance() {
            long before = count[0];
            kernel.runFor(SLICE);
            return count[0] - before;
        }
    }

    @State(Scope.Thread)
    public static class StatLoop extends Looping {
        @Override
        void call(Syscalls sys, byte[] path) {
            if (!sys.fstatat(Fcntl.AT_FDCWD, path, 0).ok()) {
                throw new IllegalStateException("stat " + PATH + " failed");
            }
        }

        @Setup(Level.Trial)
        public void setup() {
            start();
        }
    }

    @State(Scope.Thread)
    public static class OpenCloseLoop extends Looping {
        @Override
        void call(Syscalls sys, byte[] path) {
            int fd = sys.openat(Fcntl.AT_FDCWD, path, Fcntl.O_RDONLY, 0);
            if (fd < 0) {
                throw new IllegalStateException("open " + PATH + " failed: " + fd);
            }
            sys.close(fd);
        }

        @Setup(Level.Trial)
        public void setup() {
            start();
        }
    }

    /** jimfs with the same tree, its path object made once as our process makes its byte path once. */
    @State(Scope.Thread)
    public static class Jim {
        FileSystem fs;
        Path path;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            fs = Jimfs.newFileSystem(Configuration.unix());
            Files.createDirectories(fs.getPath("/a/b/c"));
            path = Files.createFile(fs.getPath(PATH));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            fs.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void statCached4Components(StatLoop s, Calls c) {
        c.calls += s.advance();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void openCloseCached4Components(OpenCloseLoop s, Calls c) {
        c.calls += s.advance();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public BasicFileAttributes jimfsStat(Jim j) throws IOException {
        return Files.readAttributes(j.path, BasicFileAttributes.class);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void jimfsOpenClose(Jim j) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(j.path, StandardOpenOption.READ)) {
            ch.position();
        }
    }
}
