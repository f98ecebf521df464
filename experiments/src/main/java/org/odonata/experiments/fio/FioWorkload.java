package org.odonata.experiments.fio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.Workload;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.VfsSyscalls;
import org.odonata.experiments.workload.MeasuredRun;
import org.odonata.experiments.workload.Param;
import org.odonata.experiments.workload.Params;
import org.odonata.experiments.workload.RunRecord;
import org.odonata.experiments.workload.SimWorkload;
import org.osgi.service.component.annotations.Component;

/**
 * Runs a fio job file: {@code fio FILE [fs=root|tmpfs|hammer] [device=NAME]}. A launcher process (optionally
 * mounting a fresh filesystem of type {@code fs} on {@code /fio}, which then stands for the jobs' directory) forks
 * every clone of every job. Each clone lays out its file first — a read or mixed job writes it whole, a write-only
 * job sizes it with {@code ftruncate} — and then does {@code bs}-sized I/O through the VFS: sequential offsets
 * wrapping at {@code size}, or block-aligned random offsets drawn from the process's own seeded stream; with
 * {@code ioengine=psync} as {@code pread}/{@code pwrite}, with {@code sync} as {@code lseek} plus
 * {@code read}/{@code write}; an {@code fsync} after every {@code fsync} writes. Like fio, a job stops after
 * {@code size} bytes unless {@code time_based}, and at {@code runtime}. Reported as fio reports: IOPS (the
 * throughput, {@code ios} per virtual second), bandwidth ({@code read_bytes}, {@code write_bytes} per second) and
 * completion-latency percentiles per direction ({@code lat.clat_read}, {@code lat.clat_write}, in virtual ns).
 * The layout is not counted. Latencies are read from the process's clock ({@code clock_gettime}), which advances
 * when the kernel settles charged cycles (about every microsecond of them): a single operation much shorter than
 * that reads 0 or about 1 us, while the mean over many is exact.
 */
@Component(service = Workload.class, property = "name=fio")
public final class FioWorkload extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.choice("fs", "root", "filesystem the jobs run on: the root, or a fresh one mounted on /fio",
                    "root", "tmpfs", "hammer"),
            Param.string("device", "nvme0", "disk for fs=hammer"));

    @Override
    public String name() {
        return "fio";
    }

    @Override
    public String usage() {
        return "fio FILE.fio fs=root|tmpfs|hammer device=NAME";
    }

    @Override
    public String description() {
        return "a fio job file (rw, bs, size, numjobs, ioengine psync|sync, fsync, runtime, time_based, filename, "
                + "directory) as processes doing file I/O through the VFS";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected int leadingArgs() {
        return 1;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random) {
        throw new IllegalArgumentException("fio needs its job file: " + usage());
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random, List<String> args) {
        if (args.isEmpty() || args.get(0).contains("=")) {
            throw new IllegalArgumentException("fio needs its job file first: " + usage());
        }
        FioJobFile file = FioJobFile.read(Path.of(args.get(0)));
        String fs = params.string("fs");
        String device = params.string("device");
        RunRecord run = new RunRecord(name(), "ios", new String[] {"ios", "read_ios", "write_ios", "read_bytes",
            "write_bytes", "fsyncs", "jobs_done", "errors"}, "clat_read", "clat_write");
        kernel.spawn("fio", sys -> {
            String base = "/";
            if (!fs.equals("root")) {
                sys.mkdir("/fio", 0755);
                int r = sys.mount(fs, fs.equals("hammer") ? device : null, VfsSyscalls.path("/fio"), 0, null);
                if (r < 0) {
                    run.add("errors", 1);
                    return;
                }
                base = "/fio";
            }
            List<Clone> clones = new ArrayList<>();
            for (FioJob job : file.jobs()) {
                for (int c = 0; c < job.numjobs(); c++) {
                    clones.add(new Clone(job, c, base, run));
                }
            }
            for (Clone clone : clones) {
                sys.fork(clone::main);
            }
            while (sys.waitpid() > 0) {
                // fio's main process waits for its jobs
            }
        });
        return run;
    }

    /** One clone of one job: a process laying out its file and then doing I/O on it. */
    private record Clone(FioJob job, int index, String base, RunRecord run) {

        void main(Syscalls sys) {
            // on a filesystem of its own the job's directory is relative to its mount point
            String dir = base.equals("/") ? job.directory()
                    : job.directory().equals("/") ? base : base + "/" + job.directory().replaceFirst("^/+", "");
            mkdirs(sys, dir);
            String path = new FioJob(job.name(), job.rw(), job.rwmixread(), job.bs(), job.size(), job.numjobs(),
                    job.ioengine(), job.fsync(), job.runtimeNanos(), job.timeBased(), job.filename(), dir)
                    .file(index);
            int fd = sys.openat(Fcntl.AT_FDCWD, VfsSyscalls.path(path), Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
            if (fd < 0) {
                run.add("errors", 1);
                return;
            }
            byte[] buf = new byte[job.bs()];
            long blocks = job.size() / job.bs();
            if (job.rw().reads) {
                for (long b = 0; b < blocks; b++) {
                    if (sys.pwrite(fd, buf, 0, buf.length, b * job.bs()) < 0) {
                        run.add("errors", 1);
                        return;
                    }
                }
            } else if (sys.ftruncate(fd, job.size()) < 0) {
                run.add("errors", 1);
                return;
            }
            RandomGenerator random = sys.random();
            long start = sys.now();
            long done = 0;
            long seq = 0;
            long writes = 0;
            boolean psync = job.ioengine().equals("psync");
            while (job.timeBased() || done < job.size()) {
                if (job.runtimeNanos() > 0 && sys.now() - start >= job.runtimeNanos()) {
                    break;
                }
                long block = job.rw().random ? (long) (random.nextDouble() * blocks) : seq++ % blocks;
                long offset = block * job.bs();
                boolean read = job.rw().reads && (!job.rw().writes
                        || random.nextDouble() * 100 < job.rwmixread());
                long t0 = sys.now();
                int n;
                if (psync) {
                    n = read ? sys.pread(fd, buf, 0, buf.length, offset) : sys.pwrite(fd, buf, 0, buf.length, offset);
                } else {
                    sys.lseek(fd, offset, Fcntl.SEEK_SET);
                    n = read ? sys.read(fd, buf, 0, buf.length) : sys.write(fd, buf, 0, buf.length);
                }
                if (n < 0) {
                    run.add("errors", 1);
                    if (Errno.ofResult(n) == Errno.ENOSPC) {
                        break;
                    }
                    continue;
                }
                run.record(read ? "clat_read" : "clat_write", sys.now() - t0);
                run.add("ios", 1);
                run.add(read ? "read_ios" : "write_ios", 1);
                run.add(read ? "read_bytes" : "write_bytes", n);
                done += n;
                if (!read && job.fsync() > 0 && ++writes % job.fsync() == 0) {
                    sys.fsync(fd);
                    run.add("fsyncs", 1);
                }
            }
            sys.close(fd);
            run.add("jobs_done", 1);
        }

        private static void mkdirs(Syscalls sys, String dir) {
            StringBuilder p = new StringBuilder();
            for (String part : dir.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                p.append('/').append(part);
                sys.mkdir(p.toString(), 0755);
            }
        }
    }
}
