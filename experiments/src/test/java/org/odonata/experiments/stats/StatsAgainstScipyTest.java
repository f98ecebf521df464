package org.odonata.experiments.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Odonata's tests and intervals against scipy's on committed numbers: {@code stats/scipy-reference.json}, made by
 * {@code stats/scipy-reference.py} with Debian's python3-scipy (the test needs no scipy).
 */
class StatsAgainstScipyTest {

    /** Relative: commons-math inverts the t distribution to about 1e-9, scipy to machine precision. */
    private static final double TOLERANCE = 1e-8;

    static Stream<JsonNode> cases() throws IOException {
        return Stream.of(reference().path("cases")).flatMap(c -> {
            Stream.Builder<JsonNode> b = Stream.builder();
            c.forEach(b::add);
            return b.build();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pairedTestsAndIntervalsMatchScipy(JsonNode c) {
        Map<Long, Double> b = bySeed(c.path("baseline"));
        Map<Long, Double> x = bySeed(c.path("other"));
        Comparison t = Tests.compare(new StatsChoice(TestKind.PAIRED_T, 0.95), b, x);
        close(c.at("/pairedT/p").asDouble(), t.pValue(), "paired t p");
        close(c.at("/pairedT/diffLow").asDouble(), t.differenceLow(), "paired t interval, low");
        close(c.at("/pairedT/diffHigh").asDouble(), t.differenceHigh(), "paired t interval, high");
        close(c.at("/wilcoxon/p").asDouble(), Tests.compare(new StatsChoice(TestKind.WILCOXON, 0.95), b, x).pValue(),
                "Wilcoxon p");
        close(c.at("/permutation/p").asDouble(),
                Tests.compare(new StatsChoice(TestKind.PERMUTATION, 0.95), b, x).pValue(), "sign-flip p");
        Comparison w = Tests.compare(new StatsChoice(TestKind.WELCH, 0.95), b, x);
        close(c.at("/welch/p").asDouble(), w.pValue(), "Welch p");
        close(c.at("/welch/diffLow").asDouble(), w.differenceLow(), "Welch interval, low");
        close(c.at("/welch/diffHigh").asDouble(), w.differenceHigh(), "Welch interval, high");
        Estimate e = Estimate.of(values(c.path("other")), 0.95);
        close(c.at("/meanInterval/other/0").asDouble(), e.ciLow(), "t interval of the mean, low");
        close(c.at("/meanInterval/other/1").asDouble(), e.ciHigh(), "t interval of the mean, high");
    }

    @Test
    void tiedRanksAndZeroDifferencesUseTheExactConditionalDistribution() throws IOException {
        JsonNode t = reference().path("ties");
        Map<Long, Double> b = bySeed(t.path("baseline"));
        Map<Long, Double> x = bySeed(t.path("other"));
        close(t.path("wilcoxonExactP").asDouble(),
                Tests.compare(new StatsChoice(TestKind.WILCOXON, 0.95), b, x).pValue(), "Wilcoxon p with ties");
        close(t.path("permutationP").asDouble(),
                Tests.compare(new StatsChoice(TestKind.PERMUTATION, 0.95), b, x).pValue(), "sign-flip p with ties");
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = StatsAgainstScipyTest.class.getResourceAsStream("/stats/scipy-reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] values(JsonNode list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).asDouble();
        }
        return out;
    }

    /** Trial i of both sides shares seed i, as trials of every variant do. */
    private static Map<Long, Double> bySeed(JsonNode list) {
        Map<Long, Double> out = new LinkedHashMap<>();
        double[] v = values(list);
        for (int i = 0; i < v.length; i++) {
            out.put((long) i, v[i]);
        }
        return out;
    }
}
