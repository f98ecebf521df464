package org.odonata.experiments.report;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a results folder on the loopback interface for browsing past runs: {@code /} lists the runs with links to
 * their report.html, and every file below the folder is served as it is. Paths that leave the folder are refused.
 */
public final class ResultServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "svg",
            "image/svg+xml", "png", "image/png", "pdf", "application/pdf", "json", "application/json", "csv",
            "text/csv; charset=utf-8", "md", "text/markdown; charset=utf-8");

    private final Path root;
    private final HttpServer server;

    /** Starts serving {@code root} on 127.0.0.1:{@code port} (0 for any free port). */
    public ResultServer(Path root, int port) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "odonata-exp-serve");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (path.equals("/")) {
                send(x, 200, TYPES.get("html"), index().getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root)) {
                send(x, 403, "text/plain", "outside the results folder\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (Files.isDirectory(file) && Files.isRegularFile(file.resolve("report.html"))) {
                file = file.resolve("report.html");
            }
            if (!Files.isRegularFile(file)) {
                send(x, 404, "text/plain", ("no such file: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            send(x, 200, TYPES.getOrDefault(ext, "application/octet-stream"), Files.readAllBytes(file));
        }
    }

    /** The runs as a page: experiment, run id, trials, failures, overrides, each linking to its report. */
    private String index() {
        ResultStore store = new ResultStore(root);
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Odonata results</title></head><body><h1>Odonata results</h1>\n<p>")
                .append(HtmlReport.esc(root.toString())).append("</p>\n<table border=\"1\" cellpadding=\"4\">"
                        + "<tr><th>experiment</th><th>run</th><th>trials</th><th>failed</th><th>set</th></tr>\n");
        for (Path run : store.runs()) {
            var s = store.summary(run);
            String rel = root.relativize(run).toString().replace('\\', '/');
            StringBuilder sets = new StringBuilder();
            s.path("set").forEach(v -> sets.append("--set ").append(v.asText()).append(' '));
            String link = Files.isRegularFile(run.resolve("report.html")) ? rel + "/report.html" : rel + "/report.md";
            b.append("<tr><td>").append(HtmlReport.esc(s.path("experiment").asText())).append("</td><td><a href=\"")
                    .append(HtmlReport.esc(link)).append("\">").append(HtmlReport.esc(s.path("runId").asText()))
                    .append("</a></td><td>").append(s.path("trials").asInt()).append("</td><td>")
                    .append(s.path("failed").asInt()).append("</td><td><code>")
                    .append(HtmlReport.esc(sets.toString().strip())).append("</code></td></tr>\n");
        }
        return b.append("</table></body></html>\n").toString();
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
