package org.odonata.fs.hammer.crash;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <li>a file's bytes must equal its bytes in some state from the last sync or fsync of it onward: never a
 * mix the workload never produced, never garbage, never a name that was never created;
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
        List<String> expected = new ArrayList<>();
        for (int j = contentFrom; j <= lastRun; j++) {
            byte[] want = states.get(j).files().get(path);
            if (want != null) {
                if (Arrays.equals(want, content)) {
                    return;
                }
                expected.add("state " + j + ": " + want.length + " bytes");
            }
        }
        problems.add(path + " holds " + content.length + " bytes matching no expected version ("
                + String.join(", ", expected) + ")" + firstDifference(content, contentFrom, lastRun, path));
    }

    /** Where the content departs from the newest expected version, to tell lost data from garbage. */
    private String firstDifference(byte[] content, int from, int to, String path) {
        for (int j = to; j >= from; j--) {
            byte[] want = states.get(j).files().get(path);
            if (want != null) {
                int i = Arrays.mismatch(want, content);
                return "; vs state " + j + " first differs at byte " + i;
            }
        }
        return "";
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
