package org.odonata.experiments.memtrace;

import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.kern.Workload;
import org.odonata.api.memory.MemorySize;
import org.odonata.api.metric.Metric;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vm.VmSpace;
import org.odonata.experiments.workload.MeasuredRun;
import org.odonata.experiments.workload.Param;
import org.odonata.experiments.workload.Params;
import org.odonata.experiments.workload.RunRecord;
import org.odonata.experiments.workload.SimWorkload;
import org.osgi.service.component.annotations.Component;

/**
 * Replays a valgrind lackey trace: {@code memtrace FILE mem=SIZE [page=4K] [backing=anon|file]}. One process maps
 * anonymous memory (or, with {@code backing=file}, a file on the root filesystem {@code MAP_SHARED}) over every page
 * the trace touches ({@code MAP_FIXED}), declares its future (for {@code opt}), limits its resident
 * set to {@code mem} ({@code RLIMIT_RSS}: a number of pages, or bytes with a unit) and touches the pages in trace
 * order, one reference per page an access covers, so the kernel's VM and its pageout policy decide every fault.
 * Counters: {@code references} (page references made), {@code faults}, {@code pages} (distinct), {@code done}
 * (1 once the trace is over), {@code nanos} (virtual time from the first reference to the last). Pages are counted in {@code page}-sized units; each reference touches the first
 * 4 KiB of its unit. Left out: what the program computed between accesses (each access costs only what the MMU
 * model charges), and its instruction/data distinction beyond read versus write.
 */
@Component(service = Workload.class, property = "name=memtrace")
public final class MemTrace extends SimWorkload {

    /** Counters are added in batches of this many references, to keep the replay loop tight. */
    static final int BATCH = 4096;

    private static final List<Param> PARAMS = List.of(
            Param.string("mem", "64", "resident-set limit: a number of pages, or bytes with a unit (256K)"),
            Param.string("page", "4K", "the page size references are counted in: a power of two from 4K"),
            Param.string("backing", "anon", "what the trace's pages are: anon (anonymous memory, paged to swap) or"
                    + " file (a MAP_SHARED file on the root filesystem, paged to the file)"));

    @Override
    public String name() {
        return "memtrace";
    }

    @Override
    public String description() {
        return "replays a valgrind lackey memory trace in one process under an RSS limit";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    public boolean needsVm() {
        return true;
    }

    @Override
    protected int leadingArgs() {
        return 1;
    }

    @Override
    public String usage() {
        return "memtrace FILE " + Params.usage("", PARAMS).strip();
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random) {
        throw new IllegalArgumentException("memtrace needs its trace file: " + usage());
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params p, RandomGenerator random, List<String> args) {
        if (args.isEmpty() || args.get(0).contains("=")) {
            throw new IllegalArgumentException("memtrace needs its trace file first: " + usage());
        }
        if (kernel.vm() == null) {
            throw new IllegalArgumentException("memtrace needs a kernel with a VM (kern:boot --vm NAME, or vm: in a"
                    + " spec variant)");
        }
        int pageShift = pageShift(p.string("page"));
        PageRefs refs = LackeyReader.read(Path.of(args.get(0)), pageShift);
        long mem = pages(p.string("mem"), pageShift);
        return replay(kernel, refs, mem, fileBacked(p.string("backing")));
    }

    /** Whether {@code backing} (anon or file) asks for a file. */
    static boolean fileBacked(String backing) {
        return switch (backing) {
            case "anon" -> false;
            case "file" -> true;
            default -> throw new IllegalArgumentException("memtrace: backing=" + backing + " is not anon or file");
        };
    }

    /** Starts one replay process of {@code refs} limited to {@code memPages} pages of the trace's size. */
    public static RunRecord replay(Kernel kernel, PageRefs refs, long memPages) {
        return replay(kernel, refs, memPages, false);
    }

    /**
     * As {@link #replay(Kernel, PageRefs, long)}; with {@code file} the pages are those of a file the process creates
     * on the root filesystem and maps {@code MAP_SHARED}, the trace's distinct pages one after another, so pages come
     * in through the filesystem and dirty ones are written back to it instead of to swap.
     */
    public static RunRecord replay(Kernel kernel, PageRefs refs, long memPages, boolean file) {
        if (memPages < refs.widest()) {
            throw new IllegalArgumentException("mem=" + memPages + " page(s) is too small: the access at "
                    + refs.source() + ":" + refs.widestLine() + " needs " + refs.widest() + " pages at once");
        }
        RunRecord run = new RunRecord("memtrace", "references", List.of(
                Metric.count("references", "refs", "page references replayed"),
                Metric.count("faults", "faults", "page faults the replay took"),
                Metric.count("pages", "pages", "distinct pages of the trace"),
                Metric.count("done", "", "1 once the whole trace is replayed"),
                Metric.duration("nanos", "virtual time from the first reference to the last")));
        long[] pages = refs.distinctPages();
        run.add("pages", pages.length);
        TraceFuture future = new TraceFuture(refs);
        int shift = refs.pageShift();
        kernel.spawn("memtrace", sys -> {
            sys.declareFuture(future);
            // each trace page is one 4 KiB VM page (its first), so the limit is memPages VM pages
            check(sys.setrlimit(VmSpace.RLIMIT_RSS, memPages << 12), "setrlimit(RLIMIT_RSS)");
            mapAll(sys, pages, shift, file);
            int n = refs.length();
            long[] r = refs.refs();
            long faults = 0;
            int batch = 0;
            long t0 = sys.now();
            for (int i = 0; i < n; i++) {
                future.at = i;
                faults += sys.touch((r[i] >>> 1) << shift, 1, (r[i] & 1) != 0);
                if (++batch == BATCH) {
                    run.add("references", batch);
                    run.add("faults", faults);
                    batch = 0;
                    faults = 0;
                }
            }
            run.add("references", batch);
            run.add("faults", faults);
            run.add("nanos", sys.now() - t0);
            run.add("done", 1);
        });
        return run;
    }

    /**
     * Maps every run of consecutive trace pages with one fixed mapping: anonymous, or of the run's place in a file
     * of all the trace's pages (unlinked once mapped, as a temporary file is).
     */
    private static void mapAll(Syscalls sys, long[] pages, int shift, boolean file) {
        int fd = -1;
        String path = "/memtrace." + sys.getpid();
        if (file) {
            fd = sys.open(path, Fcntl.O_RDWR | Fcntl.O_CREAT | Fcntl.O_TRUNC, 0600);
            check(fd, "open " + path);
            check(sys.ftruncate(fd, (long) pages.length << shift), "ftruncate " + path);
        }
        int i = 0;
        while (i < pages.length) {
            int j = i;
            while (j + 1 < pages.length && pages[j + 1] == pages[j] + 1) {
                j++;
            }
            long addr = pages[i] << shift;
            long len = (pages[j] - pages[i] + 1) << shift;
            int flags = file ? VmSpace.MAP_SHARED | VmSpace.MAP_FIXED
                    : VmSpace.MAP_ANON | VmSpace.MAP_PRIVATE | VmSpace.MAP_FIXED;
            check(sys.mmap(addr, len, VmSpace.PROT_READ | VmSpace.PROT_WRITE, flags, fd, file ? (long) i << shift : 0),
                    "mmap at 0x" + Long.toHexString(addr));
            i = j + 1;
        }
        if (file) {
            check(sys.close(fd), "close " + path);
            check(sys.unlink(path), "unlink " + path);
        }
    }

    private static void check(long r, String what) {
        if (r < 0) {
            throw new IllegalStateException("memtrace: " + what + " failed: errno " + -r);
        }
    }

    /** log2 of a page size given like 4K or 2M. */
    public static int pageShift(String text) {
        long bytes = MemorySize.parse(text).bytes();
        if (Long.bitCount(bytes) != 1 || bytes < 4096 || bytes > 1L << 30) {
            throw new IllegalArgumentException("page=" + text + ": expected a power of two from 4K to 1G");
        }
        return Long.numberOfTrailingZeros(bytes);
    }

    /** A memory size as pages of {@code 1 << pageShift}: a bare number is pages, a number with a unit bytes. */
    public static long pages(String text, int pageShift) {
        long pages = MemorySize.hasUnit(text) ? MemorySize.parse(text).bytes() >>> pageShift
                : MemorySize.parse(text).bytes();
        if (pages < 1) {
            throw new IllegalArgumentException("mem=" + text + " is less than one " + (1L << pageShift)
                    + "-byte page");
        }
        return pages;
    }
}
