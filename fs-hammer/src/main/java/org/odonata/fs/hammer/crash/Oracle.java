package org.odonata.fs.hammer.crash;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must survive a crash, learned while a workload runs. State 0 is the synced setup; state {@code k}
 * is the model after step {@code k}. For a cut after log position {@code p}, step {@code k} "may have run"
 * if it started by {@code p} (it may have changed memory without logging anything), and its persistence
 * point "completed" if it ended by {@code p}. Then, path by path:
 * <ul>
 * <li>whether the path exists, and as what, must match some state from the last completed persistence point
 * covering its existence (a sync; an fsync of it; an fsync of its directory) to the last step that may have
 * run;
 * <li>a file's size must be its size in some state from the last sync or fsync of it onward (or part way
 * through a write that grew it: a prefix of that write reached the disk), and each of
 * its bytes must be the byte at that offset in one of those states: old and new data may mix where a
 * write was not yet durable, but fsync'd data is never lost, garbage never appears, and neither does a
 * name that was never created;
 * <li>a file alive in every state since the last sync keeps at least one of its names (a rename never loses
 * it), and the snapshot list is one the workload had since the last sync.
 * </ul>
 * Cost: keeps one {@link FsModel.View} per step; a check compares every path against each state in its
 * window.
 */
public final class Oracle {

    private final List<FsModel.View> states = new ArrayList<>();
    private final List<Workload.Step> steps = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> ends = new ArrayList<>();

    /** Starts from the synced state every crash state must at least reach. */
    public Oracle(FsModel.View initial) {
        states.add(Objects.requireNonNull(initial, "initial"));
        starts.add(0);
        ends.add(0);
    }

    /** Step {@code steps.size() + 1} began when the log held {@code logPosition} operations. */
    public void stepStarted(int logPosition) {
        starts.add(logPosition);
    }

    /** The step began by {@link #stepStarted} returned, persistence point included, leaving {@code after}. */
    public void stepCompleted(Workload.Step step, FsModel.View after, int logPosition) {
        steps.add(step);
        states.add(after);
        ends.add(logPosition);
    }

    /** Problems with {@code recovered} as the state after a cut at log position {@code point}; empty if none. */
    public List<String> check(FsWalk recovered, int point) {
        int lastRun = 0;
        int lastSync = 0;
        for (int k = 1; k < states.size(); k++) {
            if (starts.get(k) <= point) {
                lastRun = k;
            }
            if (ends.get(k) <= point && steps.get(k - 1).persist() == Workload.Persist.SYNC) {
                lastSync = k;
            }
        }
        List<String> problems = new ArrayList<>();
        for (String path : universe(recovered)) {
            checkPath(path, recovered, point, lastSync, lastRun, problems);
        }
        checkInodesKeepAName(recovered, lastSync, lastRun, problems);
        checkSnapshots(recovered, lastSync, lastRun, problems);
        return problems;
    }

    private void checkPath(String path, FsWalk recovered, int point, int lastSync, int lastRun,
            List<String> problems) {
        int existenceFrom = lastSync;
        int contentFrom = lastSync;
        for (int k = lastSync + 1; k <= lastRun; k++) {
            Workload.Step step = steps.get(k - 1);
            String fsynced = step.fsyncPath();
            if (ends.get(k) > point || fsynced == null) {
                continue;
            }
            if (fsynced.equals(path)) {
                existenceFrom = k;
                contentFrom = k;
            } else if (fsynced.equals(FsModel.parentOf(path)) && !path.equals("/")) {
                existenceFrom = k;
            }
        }
        TargetFs.Kind got = recovered.kind(path);
        Set<TargetFs.Kind> kinds = new LinkedHashSet<>();
        for (int j = existenceFrom; j <= lastRun; j++) {
            kinds.add(states.get(j).kind(path));
        }
        if (!kinds.contains(got)) {
            problems.add(path + " is " + describe(got) + " but must be " + describeKinds(kinds)
                    + " (states " + existenceFrom + ".." + lastRun + ")");
            return;
        }
        if (got != TargetFs.Kind.FILE) {
            return;
        }
        byte[] content = recovered.files().get(path);
        List<byte[]> versions = new ArrayList<>();
        Set<Integer> sizes = new TreeSet<>();
        for (int j = contentFrom; j <= lastRun; j++) {
            byte[] want = states.get(j).files().get(path);
            if (want != null) {
                versions.add(want);
                sizes.add(want.length);
            }
        }
        if (!sizes.contains(content.length) && !withinAGrowingWrite(content.length, versions)) {
            problems.add(path + " has " + content.length + " bytes but its size must be one of " + sizes
                    + " or part way through a write that grew it (states " + contentFrom + ".." + lastRun + ")");
            return;
        }
        int foreign = firstForeignByte(content, versions);
        if (foreign >= 0) {
            problems.add(path + ": byte " + foreign + " (0x" + Integer.toHexString(content[foreign] & 0xff)
                    + ") is in no version of states " + contentFrom + ".." + lastRun);
        }
    }

    /**
     * Whether {@code size} lies between the sizes of two consecutive versions the second of which is larger:
     * a write that extended the file reached the disk in part (a cut-short fsync replays its REDO block by
     * block), leaving a prefix of it.
     */
    private static boolean withinAGrowingWrite(int size, List<byte[]> versions) {
        for (int i = 0; i + 1 < versions.size(); i++) {
            if (versions.get(i).length < size && size < versions.get(i + 1).length) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first byte no version holds at that offset, or -1. Bytes may come from different versions: a write
     * not yet made durable may reach the disk in part (HAMMER replays a cut-short fsync's REDO records in
     * part), which POSIX allows; what it never allows is a byte nobody wrote there.
     */
    private static int firstForeignByte(byte[] content, List<byte[]> versions) {
        for (int i = 0; i < content.length; i++) {
            boolean found = false;
            for (byte[] v : versions) {
                if (i < v.length && v[i] == content[i]) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return i;
            }
        }
        return -1;
    }

    private void checkInodesKeepAName(FsWalk recovered, int lastSync, int lastRun, List<String> problems) {
        Set<Integer> alive = new TreeSet<>(states.get(lastSync).inodes().values());
        for (int j = lastSync + 1; j <= lastRun; j++) {
            alive.retainAll(states.get(j).inodes().values());
        }
        for (int inode : alive) {
            Set<String> names = new TreeSet<>();
            for (int j = lastSync; j <= lastRun; j++) {
                for (Map.Entry<String, Integer> e : states.get(j).inodes().entrySet()) {
                    if (e.getValue() == inode) {
                        names.add(e.getKey());
                    }
                }
            }
            if (names.stream().noneMatch(recovered.files()::containsKey)) {
                problems.add("a file alive since state " + lastSync + " lost all its names " + names);
            }
        }
    }

    private void checkSnapshots(FsWalk recovered, int lastSync, int lastRun, List<String> problems) {
        Set<List<String>> allowed = new LinkedHashSet<>();
        for (int j = lastSync; j <= lastRun; j++) {
            allowed.add(states.get(j).snapshots());
        }
        if (!allowed.contains(recovered.snapshots())) {
            problems.add("snapshots " + recovered.snapshots() + " but must be one of " + allowed);
        }
    }

    private Set<String> universe(FsWalk recovered) {
        Set<String> paths = new TreeSet<>();
        for (FsModel.View state : states) {
            paths.addAll(state.files().keySet());
            paths.addAll(state.dirs());
        }
        paths.addAll(recovered.files().keySet());
        paths.addAll(recovered.dirs());
        return paths;
    }

    private static String describe(TargetFs.Kind kind) {
        return kind == null ? "absent" : kind == TargetFs.Kind.FILE ? "a file" : "a directory";
    }

    private static String describeKinds(Set<TargetFs.Kind> kinds) {
        List<String> names = new ArrayList<>();
        kinds.forEach(k -> names.add(describe(k)));
        return String.join(" or ", names);
    }
}
