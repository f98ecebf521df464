package org.odonata.fs.hammer.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.odonata.fs.hammer.error.HammerCorruptionException;

/** The problems found so far, in order, each reported once however many paths lead to it. O(1) per add. */
final class ProblemLog {

    private final Set<Problem> problems = new LinkedHashSet<>();

    void add(String structure, long offset, String check) {
        problems.add(new Problem(structure, offset, check));
    }

    void add(HammerCorruptionException e) {
        problems.add(Problem.of(e));
    }

    List<Problem> problems() {
        return new ArrayList<>(problems);
    }
}
