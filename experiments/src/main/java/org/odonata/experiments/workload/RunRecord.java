package org.odonata.experiments.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.odonata.api.metric.Metric;
import org.odonata.api.metric.MetricDeclarations;

/**
 * The figures of one started workload: counters and latency histograms, written by its simulated
 * processes. A machine runs on one host thread, so plain fields suffice. Each counter is declared with its
 * kind and unit ({@code Metric.count("messages", "msg", …)}), which reports print. Cost: a histogram is
 * ~30 KB (3 significant digits, auto-resizing).
 */
public final class RunRecord implements MeasuredRun, MetricDeclarations {

    private final String name;
    private final String throughputCounter;
    private final Map<String, Counter> counters = new LinkedHashMap<>();
    private final List<Metric> declared;
    private final Map<String, Histogram> latencies = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * Declares the counters (with their units) and histograms up front so every trial reports the same names in
     * the same order.
     */
    public RunRecord(String name, String throughputCounter, List<Metric> counterMetrics, String... latencyNames) {
        this.name = name;
        this.throughputCounter = throughputCounter;
        this.declared = List.copyOf(counterMetrics);
        for (Metric c : declared) {
            counters.put(c.name(), new Counter());
        }
        for (String l : latencyNames) {
            Histogram h = new Histogram(3);
            h.setAutoResize(true);
            latencies.put(l, h);
        }
    }

    /** Counters with no declared unit: reports show them as plain counts. */
    public RunRecord(String name, String throughputCounter, String[] counterNames, String... latencyNames) {
        this(name, throughputCounter, Arrays.stream(counterNames).map(c -> Metric.count(c, "", "counter " + c))
                .toList(), latencyNames);
    }

    @Override
    public List<Metric> metrics() {
        return declared;
    }

    public void add(String counter, long n) {
        counter(counter).add(n);
    }

    /** A declared counter, for a loop that bumps it per message without looking it up each time. */
    public Counter counter(String counter) {
        Counter c = counters.get(counter);
        if (c == null) {
            throw new IllegalArgumentException("undeclared counter " + counter);
        }
        return c;
    }

    /** One counter of a run. */
    public static final class Counter {
        private long value;

        public void add(long n) {
            value += n;
        }
    }

    /** Adds notes the user sees when the run starts ({@link #notes()}). */
    public void note(List<String> more) {
        notes.addAll(more);
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public void record(String latency, long nanos) {
        latencies.get(latency).recordValue(Math.max(0, nanos));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        counters.forEach((k, v) -> m.put(k, v.value));
        return m;
    }

    @Override
    public String throughputCounter() {
        return throughputCounter;
    }

    @Override
    public Map<String, Histogram> latencies() {
        return latencies;
    }

    @Override
    public void resetLatencies() {
        latencies.values().forEach(Histogram::reset);
    }
}
