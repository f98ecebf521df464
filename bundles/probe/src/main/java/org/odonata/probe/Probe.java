package org.odonata.probe;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.odonata.api.engine.VirtualDuration;

/**
 * One probe and what it has gathered, bpftrace style: calls per method ({@code @count}), calls per CPU, a log2
 * histogram of the virtual time from entry to exit ({@code --hist}), and summaries of the arguments
 * ({@code --args}) and return values ({@code --ret}); also the host time its bookkeeping took. Calls come from
 * every trial's host thread at once, so the counters are concurrent; they never feed back into a simulation.
 */
final class Probe {

    /** What a probe gathers beyond counting. */
    enum Kind {
        COUNT, HIST, ARGS, RET
    }

    private final String name;
    private final Target target;
    private final Set<Kind> kinds;
    private final Filter filter;
    private final Map<String, LongAdder> perMethod = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> perCpu = new ConcurrentHashMap<>();
    private final AtomicLongArray log2 = new AtomicLongArray(64);
    private final Map<Integer, ValueSummary> args = new ConcurrentHashMap<>();
    private final ValueSummary returns = new ValueSummary();
    private final LongAdder hostNanos = new LongAdder();
    private final java.util.Queue<String> notWoven = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final LongAdder calls = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    /** The current trial's share on this thread, when an experiment asked for one. */
    private final ThreadLocal<TrialCounts> trial = new ThreadLocal<>();

    /** One trial's calls and virtual latencies; touched only by that trial's thread. */
    private static final class TrialCounts {
        long calls;
        double latencySum;
        final long[] log2 = new long[64];
    }

    Probe(String name, Target target, Set<Kind> kinds, Filter filter) {
        this.name = name;
        this.target = target;
        this.kinds = kinds.isEmpty() ? EnumSet.of(Kind.COUNT) : EnumSet.copyOf(kinds);
        this.filter = filter;
    }

    String name() {
        return name;
    }

    Target target() {
        return target;
    }

    Set<Kind> kinds() {
        return kinds;
    }

    Filter filter() {
        return filter;
    }

    long calls() {
        return calls.sum();
    }

    /** Records one return from {@code method}; {@code latency} is virtual ns since its entry. */
    void record(String method, int cpu, long latency, Object[] arguments, Object ret) {
        if (!filter.test(cpu, latency, arguments, ret)) {
            filtered.increment();
            return;
        }
        calls.increment();
        TrialCounts t = trial.get();
        if (t != null) {
            t.calls++;
            t.latencySum += latency;
            t.log2[bucket(latency)]++;
        }
        perMethod.computeIfAbsent(method, k -> new LongAdder()).increment();
        perCpu.computeIfAbsent(cpu, k -> new LongAdder()).increment();
        if (kinds.contains(Kind.HIST)) {
            log2.incrementAndGet(bucket(latency));
        }
        if (kinds.contains(Kind.ARGS) && arguments != null) {
            for (int i = 0; i < arguments.length; i++) {
                args.computeIfAbsent(i, k -> new ValueSummary()).add(arguments[i]);
            }
        }
        if (kinds.contains(Kind.RET)) {
            returns.add(ret);
        }
    }

    /** A method of a class defined later that this probe names but was not woven into, and why (one line). */
    void notWoven(String line) {
        notWoven.add(line);
    }

    void addHostNanos(long nanos) {
        hostNanos.add(nanos);
    }

    private static int bucket(long latency) {
        return latency <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(latency);
    }

    /** Starts this thread's share of the calls, for one trial. */
    void beginTrial() {
        trial.set(new TrialCounts());
    }

    /**
     * Ends this thread's trial: {@code probe.NAME.count} and, with {@code hist}, the mean and the 99th percentile
     * (the upper bound of its log2 bucket) of the virtual time from entry to exit.
     */
    Map<org.odonata.api.metric.Metric, Double> endTrial() {
        TrialCounts t = trial.get();
        trial.remove();
        Map<org.odonata.api.metric.Metric, Double> m = new java.util.LinkedHashMap<>();
        String p = "probe." + name + ".";
        long n = t == null ? 0 : t.calls;
        m.put(org.odonata.api.metric.Metric.count(p + "count", "calls", "calls of " + target.text()
                + (filter.text().isEmpty() ? "" : " where " + filter.text()) + " in the window"), (double) n);
        if (kinds.contains(Kind.HIST)) {
            m.put(org.odonata.api.metric.Metric.duration(p + "lat_mean_ns", "mean virtual time from entry to exit of "
                    + target.text()), n == 0 ? 0 : t.latencySum / n);
            long rank = (long) Math.ceil(0.99 * n);
            long seen = 0;
            long p99 = 0;
            for (int i = 0; t != null && i < 64 && n > 0; i++) {
                seen += t.log2[i];
                if (seen >= rank) {
                    p99 = i == 0 ? 0 : 1L << Math.min(62, i);
                    break;
                }
            }
            m.put(org.odonata.api.metric.Metric.duration(p + "lat_p99_ns", "99th percentile virtual time from entry to "
                    + "exit of " + target.text() + " (upper bound of its log2 bucket)"), (double) p99);
        }
        return m;
    }

    /** One line for {@code probe:list}. */
    String line() {
        return String.format(Locale.ROOT, "%-16s %-48s %-14s %10d  %s", name, target.text(),
                kinds.toString().toLowerCase(Locale.ROOT).replace(" ", ""), calls.sum(),
                filter.text().isEmpty() ? "" : "filter: " + filter.text());
    }

    /** The aggregations as bpftrace prints them. */
    String show(long sites) {
        StringBuilder b = new StringBuilder();
        b.append("probe ").append(name).append(": ").append(target.text()).append(", ").append(sites)
                .append(" method").append(sites == 1 ? "" : "s").append(" woven");
        if (!filter.text().isEmpty()) {
            b.append(", filter ").append(filter.text()).append(" (").append(filtered.sum()).append(" calls filtered out)");
        }
        b.append('\n');
        notWoven.forEach(line -> b.append("not woven: ").append(line).append('\n'));
        b.append("@count[method]:\n");
        new TreeMap<>(perMethod).forEach((k, v) -> b.append(String.format(Locale.ROOT, "  @[%s]: %d%n", k, v.sum())));
        b.append("@count[cpu]:\n");
        new TreeMap<>(perCpu).forEach((k, v) -> b.append(String.format(Locale.ROOT, "  @[%s]: %d%n",
                k < 0 ? "host" : "cpu" + k, v.sum())));
        if (kinds.contains(Kind.HIST)) {
            b.append("@lat (virtual time from entry to exit):\n").append(histogram());
        }
        if (kinds.contains(Kind.ARGS)) {
            b.append("@args:\n");
            new TreeMap<>(args).forEach((i, s) -> b.append("  arg").append(i).append(": ").append(s).append('\n'));
        }
        if (kinds.contains(Kind.RET)) {
            b.append("@ret: ").append(returns).append('\n');
        }
        long n = calls.sum() + filtered.sum();
        b.append(String.format(Locale.ROOT, "host cost: %.3f ms over %d calls (%.0f ns a call)%n",
                hostNanos.sum() / 1e6, n, n == 0 ? 0.0 : (double) hostNanos.sum() / n));
        return b.toString();
    }

    private String histogram() {
        long max = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < 64; i++) {
            long c = log2.get(i);
            max = Math.max(max, c);
            if (c > 0) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, first); first >= 0 && i <= last; i++) {
            long lo = i == 0 ? 0 : 1L << (i - 1);
            long hi = i == 0 ? 1 : 1L << i;
            long c = log2.get(i);
            String bar = "@".repeat((int) Math.round(40.0 * c / max));
            b.append(String.format(Locale.ROOT, "  [%s, %s)%s %8d |%-40s|%n", VirtualDuration.format(lo),
                    VirtualDuration.format(hi), " ".repeat(Math.max(0, 16 - VirtualDuration.format(lo).length()
                            - VirtualDuration.format(hi).length())), c, bar));
        }
        return b.toString();
    }

    /** Counts, and for numbers min, mean and max; for other values the five most frequent. */
    static final class ValueSummary {
        private final LongAdder count = new LongAdder();
        private final LongAdder numbers = new LongAdder();
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();
        private final java.util.concurrent.atomic.AtomicLong min = new java.util.concurrent.atomic.AtomicLong(
                Double.doubleToLongBits(Double.POSITIVE_INFINITY));
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong(
                Double.doubleToLongBits(Double.NEGATIVE_INFINITY));
        private final Map<String, LongAdder> values = new ConcurrentHashMap<>();

        void add(Object v) {
            count.increment();
            if (v instanceof Number n && !(v instanceof Double d && d.isNaN())) {
                double x = n.doubleValue();
                numbers.increment();
                sum.add(x);
                min.accumulateAndGet(Double.doubleToLongBits(x), (a, b) -> Double.longBitsToDouble(a)
                        <= Double.longBitsToDouble(b) ? a : b);
                max.accumulateAndGet(Double.doubleToLongBits(x), (a, b) -> Double.longBitsToDouble(a)
                        >= Double.longBitsToDouble(b) ? a : b);
            } else if (values.size() < 1000 || values.containsKey(label(v))) {
                values.computeIfAbsent(label(v), k -> new LongAdder()).increment();
            }
        }

        private static String label(Object v) {
            if (v == null) {
                return "null";
            }
            String s = v instanceof Enum<?> || v instanceof Boolean || v instanceof CharSequence
                    || v instanceof Character ? String.valueOf(v) : v.getClass().getSimpleName();
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder().append(count.sum()).append(" values");
            if (numbers.sum() > 0) {
                b.append(String.format(Locale.ROOT, "; numbers: min %s, mean %.4g, max %s", num(min.get()),
                        sum.sum() / numbers.sum(), num(max.get())));
            }
            if (!values.isEmpty()) {
                b.append("; ");
                values.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue().sum(), x.getValue().sum()))
                        .limit(5).forEach(e -> b.append(e.getKey()).append('×').append(e.getValue().sum())
                                .append(' '));
            }
            return b.toString().strip();
        }

        private static String num(long bits) {
            double d = Double.longBitsToDouble(bits);
            return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.4g", d);
        }
    }
}
