package org.odonata.fs.hammer.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bounded workloads in the spirit of ACE (Mohan et al., OSDI'18): every sequence of one or two core
 * operations over a small file set, each followed by nothing, an fsync of its target, an fsync of its
 * parent directory, or a full sync. The file set is files {@code /A /B /D/A /D/B} and directories
 * {@code /D /E}; {@link #setup} creates {@code /D}, {@code /A} and {@code /D/A} (with data) and syncs,
 * so every operation has something to act on. Only sequences valid on the model are generated (no create
 * over an existing name, no rmdir of a full directory), and each is named as it reads.
 * <p>
 * Cost: the seq-2 space is a few thousand workloads; generating it takes milliseconds.
 */
public final class AceWorkloads {

    static final List<String> FILES = List.of("/A", "/B", "/D/A", "/D/B");
    static final List<String> DIRS = List.of("/D", "/E");
    /** Tag of the setup's data; workload steps use their 1-based position. */
    static final int SETUP_TAG = 100;

    private AceWorkloads() {
    }

    /**
     * Brings {@code model} (and {@code fs}, unless {@code null}) to the common initial state and syncs:
     * {@code /A} and {@code /D/A} hold data, then a hole, then data across a 16 KB block edge.
     */
    public static void setup(FsModel model, TargetFs.Mounted fs) {
        model.apply(new FsOp.Mkdir("/D"), SETUP_TAG, fs);
        int tag = SETUP_TAG;
        for (String path : List.of("/A", "/D/A")) {
            model.apply(new FsOp.Create(path), tag, fs);
            model.apply(new FsOp.Write(path), ++tag, fs);
            model.apply(new FsOp.Overwrite(path), ++tag, fs);
        }
        if (fs != null) {
            fs.sync();
        }
    }

    /** Every valid single step. */
    public static List<Workload> seq1() {
        List<Workload> result = new ArrayList<>();
        for (Workload.Step step : steps(setupModel(), 1)) {
            result.add(new Workload(List.of(step)));
        }
        return result;
    }

    /** Every valid pair of steps. */
    public static List<Workload> seq2() {
        List<Workload> result = new ArrayList<>();
        for (Workload.Step first : steps(setupModel(), 1)) {
            FsModel model = setupModel();
            model.apply(first.op(), 1, null);
            for (Workload.Step second : steps(model, 2)) {
                result.add(new Workload(List.of(first, second)));
            }
        }
        return result;
    }

    /** {@code count} distinct workloads drawn from {@link #seq2()} by a seeded shuffle, in generation order. */
    public static List<Workload> seq2Sample(int count, long seed) {
        List<Workload> all = seq2();
        SplittableRandom random = new SplittableRandom(seed);
        int n = Math.min(count, all.size());
        int[] index = new int[all.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(index.length - i);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
        }
        int[] chosen = java.util.Arrays.copyOf(index, n);
        java.util.Arrays.sort(chosen);
        List<Workload> result = new ArrayList<>();
        for (int i : chosen) {
            result.add(all.get(i));
        }
        return result;
    }

    /** The model right after {@link #setup}. */
    public static FsModel setupModel() {
        FsModel model = new FsModel();
        setup(model, null);
        return model;
    }

    /** Every valid operation on {@code model} with every persistence point that applies to it. */
    static List<Workload.Step> steps(FsModel model, int position) {
        List<Workload.Step> result = new ArrayList<>();
        for (FsOp op : operations(position)) {
            if (!model.valid(op)) {
                continue;
            }
            for (Workload.Persist persist : Workload.Persist.values()) {
                if (persist == Workload.Persist.FSYNC && op.target() == null
                        || persist == Workload.Persist.FSYNC_PARENT && op.parent() == null) {
                    continue;
                }
                result.add(new Workload.Step(op, persist));
            }
        }
        return result;
    }

    private static List<FsOp> operations(int position) {
        List<FsOp> ops = new ArrayList<>();
        for (String f : FILES) {
            ops.add(new FsOp.Create(f));
            ops.add(new FsOp.Write(f));
            ops.add(new FsOp.Overwrite(f));
            ops.add(new FsOp.Truncate(f));
            ops.add(new FsOp.Unlink(f));
        }
        for (String from : FILES) {
            for (String to : FILES) {
                ops.add(new FsOp.Link(from, to));
                ops.add(new FsOp.Rename(from, to));
            }
        }
        for (String d : DIRS) {
            ops.add(new FsOp.Mkdir(d));
            ops.add(new FsOp.Rmdir(d));
        }
        ops.add(new FsOp.Snapshot("s" + position));
        return ops;
    }
}
