package org.odonata.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odonata.experiments.report.ReportWriter;
import org.odonata.experiments.report.ResultServer;
import org.odonata.experiments.report.RunEnvironment;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.run.ExperimentRunner;
import org.odonata.experiments.run.Implementations;
import org.odonata.experiments.spec.ResolvedConfig;
import org.odonata.experiments.spec.SpecReader;
import org.odonata.experiments.stats.Summary;

/**
 * report.html renders in a real browser (Debian's headless chromium, which .ci/run installs): its tables and charts
 * are there after the page's script ran, with no script error; exp:serve serves it on the loopback interface.
 */
class ReportHtmlTest {

    private static final String SPEC = """
            name: html
            variants:
              - {name: dfly, sched: dfly}
              - {name: fifo, sched: fifo}
            workloads:
              - type: schbench
                parameters: {messageThreads: 1, workers: 2}
            trials: 2
            warmup: 1ms
            measure: 4ms
            metrics: [throughput, lat.wakeup.p99, cpu_util]
            """;

    private static Path root;
    private static Path dir;

    @BeforeAll
    static void run() throws IOException {
        Implementations impl = RealImplementations.all();
        ResolvedConfig c = new SpecReader(impl).read(Path.of("html.yaml"), SPEC, List.of("trace={}"));
        ExperimentRun run = new ExperimentRunner(impl).run(c, 1, s -> { });
        root = Path.of("target/html-results");
        dir = ReportWriter.write(root, run, Summary.of(run), RunEnvironment.current());
    }

    @Test
    void theReportIsSelfContainedAndLinksTheRunsFiles() throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no network reference");
        for (String link : List.of("trials.csv", "trace.json", "config.json", "charts/bar-throughput.pdf")) {
            assertTrue(html.contains("href=\"" + link + "\""), link);
        }
        assertTrue(html.contains("paired t-test") && html.contains("<svg"), "caption and inline charts");
    }

    @Test
    void chromiumRendersTablesAndChartsWithoutScriptErrors() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "chromium is not installed here (.ci/run installs it: apt-get install -y chromium)");
        Path profile = Files.createTempDirectory("odonata-chromium");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--dump-dom", dir.resolve("report.html").toUri().toString())
                .redirectError(profile.resolve("stderr.txt").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String stderr = Files.readString(profile.resolve("stderr.txt"));
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        assertTrue(body.find(), dom.length() > 2000 ? dom.substring(0, 2000) : dom);
        String attrs = body.group(1);
        assertTrue(attrs.contains("data-ready=\"1\""), "the page's script ran to its end: " + attrs + "\n" + stderr);
        assertFalse(attrs.contains("data-errors"), "no script error: " + attrs);
        assertFalse(stderr.contains("Uncaught"), stderr);
        assertTrue(Integer.parseInt(attr(attrs, "data-tables")) >= 2, attrs);
        assertTrue(Integer.parseInt(attr(attrs, "data-charts")) >= 3, attrs);
    }

    @Test
    void expServeServesTheRunsOnLoopbackAndNothingOutside() throws Exception {
        try (ResultServer server = new ResultServer(root, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(server.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            String rel = root.toAbsolutePath().normalize().relativize(dir.toAbsolutePath().normalize()).toString();
            assertTrue(index.body().contains(rel + "/report.html"), index.body());
            HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(server.url() + rel
                    + "/report.html")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, report.statusCode());
            assertTrue(report.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "..%2F..%2Fpom.xml")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(outside.statusCode() == 403 || outside.statusCode() == 404, "status " + outside.statusCode());
        }
    }

    private static String attr(String attrs, String name) {
        Matcher m = Pattern.compile(name + "=\"([0-9]+)\"").matcher(attrs);
        assertTrue(m.find(), name + " in " + attrs);
        return m.group(1);
    }
}
