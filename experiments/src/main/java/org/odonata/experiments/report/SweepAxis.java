package org.odonata.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.odonata.api.engine.VirtualDuration;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.Spec;

/**
 * The x axis of a sweep's charts: the first swept key (with the keys zipped to it), its values as numbers (sweep
 * points in order when they are not numbers, durations in their unit), a unit-bearing label ({@code machine.cpus}
 * is {@code CPUs}), and whether the values double, which draws them on a log2 axis. The other swept keys split
 * the points into panels.
 */
record SweepAxis(List<String> keys, String label, boolean log2, boolean numeric, double divisor,
        List<Spec> points) {

    static SweepAxis of(ResolvedConfig config) {
        List<String> swept = new ArrayList<>(config.sweep().keySet());
        String first = swept.get(0);
        List<String> keys = config.zipped().contains(first) ? config.zipped() : List.of(first);
        List<Object> values = config.sweep().get(first);
        boolean numeric = values.stream().allMatch(v -> v instanceof Number);
        boolean durations = !numeric && values.stream().allMatch(v -> v instanceof String s && isDuration(s));
        double divisor = 1;
        String unit = "";
        if (durations) {
            long max = values.stream().mapToLong(v -> VirtualDuration.parse((String) v).nanos()).max().orElse(1);
            String[] units = {"ns", "µs", "ms", "s"};
            int i = 0;
            while (i < 3 && max >= divisor * 1000) {
                divisor *= 1000;
                i++;
            }
            unit = " (" + units[i] + ")";
        }
        double[] xs = values.stream().mapToDouble(v -> number(v, 0)).toArray();
        boolean doubling = (numeric || durations) && xs.length >= 3 && xs[0] > 0;
        for (int i = 1; doubling && i < xs.length; i++) {
            doubling = xs[i] == 2 * xs[i - 1];
        }
        StringBuilder label = new StringBuilder(name(first) + unit);
        for (String k : keys.subList(1, keys.size())) {
            label.append(" = ").append(name(k));
        }
        if (!numeric && !durations) {
            label.append(" (sweep point)");
        }
        return new SweepAxis(keys, label.toString(), doubling, numeric || durations, divisor, config.points());
    }

    /** The x of a point. */
    double x(Spec point) {
        Object v = point.point().get(keys.get(0));
        return numeric ? number(v, 0) / divisor : points.indexOf(point);
    }

    /** The point's other swept keys, which name its panel; empty when only this axis is swept. */
    String rest(Spec point) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : point.point().entrySet()) {
            if (!keys.contains(e.getKey())) {
                b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.toString();
    }

    /** For captions: the key path and how it is drawn. */
    String describe() {
        return String.join(" and ", keys) + (keys.size() > 1 ? " (zipped: they vary together)" : "")
                + (log2 ? ", log2 scale" : "");
    }

    /** A readable axis name for a key path: {@code machine.cpus} → CPUs, {@code workloads.tokenscale.copies} → tokenscale copies. */
    static String name(String key) {
        if (key.equals("machine.cpus")) {
            return "CPUs";
        }
        if (key.startsWith("workloads.")) {
            return key.substring("workloads.".length()).replace('.', ' ');
        }
        if (key.startsWith("machine.sysctl.")) {
            return key.substring("machine.sysctl.".length());
        }
        if (key.startsWith("machine.costs.")) {
            return key.substring("machine.costs.".length());
        }
        return key;
    }

    private static boolean isDuration(String s) {
        try {
            VirtualDuration.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static double number(Object v, double otherwise) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && isDuration(s)) {
            return VirtualDuration.parse(s).nanos();
        }
        return otherwise;
    }
}
