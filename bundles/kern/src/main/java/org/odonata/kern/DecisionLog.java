package org.odonata.kern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The last {@link #SIZE} decisions the kernel asked of its swappable implementations (scheduler calls and their
 * answers, token grants, refusals and releases), for a fault's dump. Recording stores a few fields in a ring, so
 * it costs no allocation; the text is made only when a dump is written. Observes only.
 */
final class DecisionLog {

    static final int SIZE = 48;

    enum Op {
        SELECT_CPU, ENQUEUE, DEQUEUE, PICK_NEXT, YIELD_TO, TOKEN_GRANTED, TOKEN_REFUSED, TOKEN_RELEASED
    }

    private final long[] time = new long[SIZE];
    private final Op[] op = new Op[SIZE];
    private final int[] cpu = new int[SIZE];
    private final Object[] subject = new Object[SIZE];
    private final long[] value = new long[SIZE];
    private long count;

    /**
     * @param subject the LWP, or the token
     * @param value   the decision: a CPU, 1/0 for yes/no, the owner's thread id for a token
     */
    void record(long now, Op o, int onCpu, Object what, long decision) {
        int i = (int) (count++ % SIZE);
        time[i] = now;
        op[i] = o;
        cpu[i] = onCpu;
        subject[i] = what;
        value[i] = decision;
    }

    /** The recorded decisions, oldest first, one line each. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (long n = Math.max(0, count - SIZE); n < count; n++) {
            int i = (int) (n % SIZE);
            String at = String.format(Locale.ROOT, "%.3fms ", time[i] / 1e6);
            out.add(at + switch (op[i]) {
                case SELECT_CPU -> "selectCpu(" + subject[i] + ") -> cpu" + value[i];
                case ENQUEUE -> "enqueue(" + subject[i] + ", cpu" + cpu[i] + (value[i] != 0 ? ", wakeup)" : ")");
                case DEQUEUE -> "dequeue(" + subject[i] + ")";
                case PICK_NEXT -> "pickNext(cpu" + cpu[i] + ") -> " + (subject[i] == null ? "nothing" : subject[i]);
                case YIELD_TO -> "shouldYieldTo(cpu" + cpu[i] + ", " + subject[i] + ") -> " + (value[i] != 0);
                case TOKEN_GRANTED -> subject[i] + " granted to td" + value[i] + " on cpu" + cpu[i];
                case TOKEN_REFUSED -> subject[i] + " refused to td" + value[i] + " on cpu" + cpu[i];
                case TOKEN_RELEASED -> subject[i] + " released by td" + value[i] + " on cpu" + cpu[i];
            });
        }
        return out;
    }
}
