package org.odonata.experiments.rtapp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Checks how each task of an rt-app file uses its mutexes, before anything runs, by walking its events in order
 * (each loop twice, so that a lock held across an iteration is seen): unlocking a mutex the task does not hold,
 * waiting on a condition without holding its mutex (pthread_cond_wait's rule) and locking a mutex the task
 * already holds (a certain self-deadlock) are errors at the event's line. Two tasks taking the same two mutexes
 * in opposite orders can deadlock, as on Linux; that is only a note, since their timing may keep them apart.
 */
final class MutexUse {

    private MutexUse() {
    }

    /**
     * @param lines the line of each event (by identity)
     * @param error makes the exception for a line and a message
     */
    static void check(List<RtAppTask> tasks, Map<RtAppEvent, Integer> lines,
            BiFunction<Integer, String, IllegalArgumentException> error, Set<String> notes) {
        // "a>b" -> the first task seen taking b while holding a
        Map<String, String> orders = new LinkedHashMap<>();
        for (RtAppTask t : tasks) {
            List<String> held = new ArrayList<>();
            for (int iteration = 0; iteration < (t.loop() == 1 ? 1 : 2); iteration++) {
                for (RtAppPhase p : t.phases()) {
                    for (int j = 0; j < (p.loop() == 1 ? 1 : 2); j++) {
                        for (RtAppEvent e : p.events()) {
                            walk(t, e, held, orders, lines.getOrDefault(e, 0), error);
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, String> o : orders.entrySet()) {
            String[] ab = o.getKey().split(">", 2);
            String reverse = orders.get(ab[1] + ">" + ab[0]);
            if (reverse != null && ab[0].compareTo(ab[1]) < 0) {
                notes.add("task \"" + o.getValue() + "\" takes mutex \"" + ab[1] + "\" while holding \"" + ab[0]
                        + "\" and task \"" + reverse + "\" takes them in the opposite order: they can deadlock, as "
                        + "on Linux");
            }
        }
    }

    private static void walk(RtAppTask t, RtAppEvent e, List<String> held, Map<String, String> orders, int line,
            BiFunction<Integer, String, IllegalArgumentException> error) {
        switch (e.kind()) {
            case LOCK -> {
                if (held.contains(e.ref())) {
                    throw error.apply(line, "task \"" + t.name() + "\" locks mutex \"" + e.ref() + "\", which it "
                            + "already holds: it would wait for itself forever (unlock it first)");
                }
                held.forEach(h -> orders.putIfAbsent(h + ">" + e.ref(), t.name()));
                held.add(e.ref());
            }
            case UNLOCK -> {
                if (!held.remove(e.ref())) {
                    throw error.apply(line, "task \"" + t.name() + "\" unlocks mutex \"" + e.ref() + "\", which it "
                            + "does not hold at that point (lock it first)");
                }
            }
            case WAIT, SYNC -> {
                if (!held.contains(e.mutex())) {
                    throw error.apply(line, "task \"" + t.name() + "\" waits on \"" + e.ref() + "\" without "
                            + "holding its mutex \"" + e.mutex() + "\" (lock it first, as pthread_cond_wait requires)");
                }
            }
            default -> {
                // no mutex involved
            }
        }
    }
}
