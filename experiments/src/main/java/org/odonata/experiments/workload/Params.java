package org.odonata.experiments.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A workload's parameter values, every one present (defaults filled in), checked against its declared
 * {@link Param}s. Arguments come as {@code key=value} words, the form {@code kern:run} and experiment specs
 * share.
 */
public final class Params {

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * @param leading how many positional words precede the {@code key=value} words (rt-app's file), skipped here
     * @throws IllegalArgumentException naming the bad word and the valid parameters
     */
    public static Params parse(List<Param> schema, List<String> args, int leading) {
        Map<String, Object> v = defaults(schema);
        for (String word : args.subList(Math.min(leading, args.size()), args.size())) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + word + "' is not key=value; parameters: " + names(schema));
            }
            String key = word.substring(0, eq);
            Param p = find(schema, key);
            v.put(key, p.convert(word.substring(eq + 1)));
        }
        return new Params(v);
    }

    /** The defaults of every parameter, in declaration order. */
    public static Map<String, Object> defaults(List<Param> schema) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Param p : schema) {
            v.put(p.name(), p.defaultValue());
        }
        return v;
    }

    /** @throws IllegalArgumentException naming the valid parameters */
    public static Param find(List<Param> schema, String key) {
        return schema.stream().filter(p -> p.name().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + key + "'; valid: "
                        + names(schema)));
    }

    public static String names(List<Param> schema) {
        return schema.stream().map(Param::name).collect(Collectors.joining(", "));
    }

    /** One line: {@code name key=default …}. */
    public static String usage(String name, List<Param> schema) {
        return name + schema.stream().map(p -> " " + p.name() + "=" + p.render(p.defaultValue()))
                .collect(Collectors.joining());
    }

    /** The values as {@code key=value} words, in declaration order. */
    public static List<String> words(List<Param> schema, Map<String, Object> values) {
        return schema.stream().map(p -> p.name() + "=" + p.render(values.get(p.name()))).toList();
    }

    public long integer(String key) {
        return (Long) get(key);
    }

    public int count(String key) {
        long v = integer(key);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + key + "' must be between 0 and " + Integer.MAX_VALUE
                    + ", found " + v);
        }
        return (int) v;
    }

    public double decimal(String key) {
        return (Double) get(key);
    }

    public boolean bool(String key) {
        return (Boolean) get(key);
    }

    public long nanos(String key) {
        return (Long) get(key);
    }

    public String string(String key) {
        return (String) get(key);
    }

    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }

    private Object get(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + key + "'");
        }
        return v;
    }
}
