package org.odonata.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.odonata.api.repo.InstalledBundle;
import org.odonata.experiments.run.ExperimentRun;
import org.odonata.experiments.stats.Estimate;
import org.odonata.experiments.stats.MetricSummary;
import org.odonata.experiments.stats.Summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * report.html: one self-contained page (no network: styles, the sorting script and every chart's SVG are inline)
 * with the comparison tables (click a header to sort by it), the charts with their captions, the failed trials,
 * the bundles that ran with their versions and SHA-256, the resolved configuration, and links to the run's files.
 * The page's script marks {@code <body data-ready="1">} once it has set up, and counts script errors in
 * {@code data-errors}, so a headless browser can check it.
 */
final class HtmlReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:2em auto;max-width:1180px;\
            padding:0 1em;color:#111}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
            .meta{color:#444}.caption{color:#444;font-size:.9em}code{font-size:.92em}
            table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums}
            th,td{border:1px solid #ddd;padding:.3em .55em;text-align:right;vertical-align:top}
            th:first-child,td:first-child{text-align:left}
            th{background:#f4f4f4;cursor:pointer;user-select:none;white-space:nowrap}
            th.asc::after{content:" \\25B2"}th.desc::after{content:" \\25BC"}
            td small{display:block;color:#555;font-size:.82em}
            figure{margin:1.2em 0}figure svg{width:min(100%,880px);height:auto;border:1px solid #eee}
            figcaption a{margin-right:.8em}pre{background:#f7f7f7;padding:.8em;overflow:auto;font-size:.85em}
            """;

    /** Sorts a table by the clicked column (numbers by their raw value, text otherwise), both ways. */
    private static final String SCRIPT = """
            (function(){
            var errors=0;window.addEventListener('error',function(){errors++;document.body.dataset.errors=errors;});
            function key(td){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent;var n=parseFloat(v);\
            return isNaN(n)?v.toLowerCase():n;}
            document.querySelectorAll('table.sortable').forEach(function(t){
              t.querySelectorAll('th').forEach(function(th,col){th.addEventListener('click',function(){
                var asc=!th.classList.contains('asc');t.querySelectorAll('th').forEach(function(h){\
            h.classList.remove('asc','desc');});th.classList.add(asc?'asc':'desc');
                var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
                rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);\
            if(typeof x!==typeof y){x=String(x);y=String(y);}return (x<y?-1:x>y?1:0)*(asc?1:-1);});
                rows.forEach(function(r){body.appendChild(r);});});});});
            document.body.dataset.tables=document.querySelectorAll('table.sortable').length;
            document.body.dataset.charts=document.querySelectorAll('figure svg').length;
            document.body.dataset.ready='1';
            })();
            """;

    private HtmlReport() {
    }

    static String render(Path dir, ExperimentRun run, Summary summary, Map<String, Object> config,
            List<InstalledBundle> bundles, List<String> charts) throws IOException {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<title>").append(esc(run.config().name())).append(" — Odonata report</title><style>")
                .append(STYLE).append("</style></head>\n<body>\n");
        b.append("<h1>").append(esc(run.config().name())).append("</h1>\n");
        if (!run.config().description().isEmpty()) {
            b.append("<p>").append(esc(run.config().description())).append("</p>\n");
        }
        b.append("<p class=\"meta\">digest <code>").append(run.digest()).append("</code><br>")
                .append(String.format(Locale.ROOT, "%d trials (%d failed) on %d host threads in %.1f s",
                        run.results().size(), run.failures(), run.threads(), run.hostSeconds()));
        if (!run.config().sets().isEmpty()) {
            b.append("<br>overrides: <code>").append(esc(String.join(" ", run.config().sets().stream()
                    .map(s -> "--set " + s).toList()))).append("</code>");
        }
        b.append("<br>files: ");
        for (String f : List.of("report.md", "trials.csv", "summary.json", "config.json", ReportWriter.TRACE_FILE)) {
            if (Files.exists(dir.resolve(f))) {
                b.append("<a href=\"").append(f).append("\">").append(f).append("</a> ");
            }
        }
        b.append("</p>\n<h2>Comparison</h2>\n<p class=\"caption\">Baseline: <b>")
                .append(esc(run.config().points().get(0).variants().get(0).name())).append("</b>; each cell is the ")
                .append(esc(summary.choice().caption())).append(", relative to the baseline's mean. Click a column "
                        + "header to sort by it.</p>\n");
        for (Tables.Table t : Tables.of(run.config().points(), summary)) {
            b.append("<h3>").append(esc(t.title())).append("</h3>\n").append(table(t));
        }
        if (run.failures() > 0) {
            b.append("<h2>Failed trials</h2>\n<ul>\n");
            run.results().stream().filter(r -> !r.ok()).forEach(r -> b.append("<li>").append(esc(r.trial().label()))
                    .append(": ").append(esc(r.failure())).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("<h2>Charts</h2>\n");
        for (String c : charts) {
            Path svg = dir.resolve("charts").resolve(c + ".svg");
            String doc = Files.readString(svg);
            int start = doc.indexOf("<svg");
            b.append("<figure id=\"").append(esc(c)).append("\">").append(start < 0 ? "" : doc.substring(start))
                    .append("<figcaption>").append(esc(c)).append(": ");
            for (String ext : List.of("svg", "png", "pdf")) {
                b.append("<a href=\"charts/").append(esc(c)).append('.').append(ext).append("\">").append(ext)
                        .append("</a>");
            }
            b.append("</figcaption></figure>\n");
        }
        b.append("<h2>Bundles</h2>\n<table class=\"sortable\"><thead><tr><th>bundle</th><th>version</th>"
                + "<th>SHA-256</th><th>verifier</th></tr></thead><tbody>\n");
        if (bundles.isEmpty()) {
            b.append("<tr><td colspan=\"4\">").append(RunEnvironment.OUTSIDE_OSGI).append("</td></tr>\n");
        }
        for (InstalledBundle x : bundles) {
            b.append("<tr><td title=\"").append(esc(String.valueOf(x.location()))).append("\">")
                    .append(esc(x.symbolicName())).append("</td><td>").append(esc(x.version())).append("</td><td><code>")
                    .append(esc(x.sha256() == null ? "n/a" : x.sha256())).append("</code></td><td>")
                    .append(esc(String.valueOf(x.verdict()))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n<h2>Resolved configuration</h2>\n<details><summary>config.json</summary><pre>")
                .append(esc(JSON.writeValueAsString(config))).append("</pre></details>\n");
        b.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return b.toString();
    }

    private static String table(Tables.Table t) {
        StringBuilder b = new StringBuilder("<table class=\"sortable\"><thead><tr><th>metric</th><th>unit</th>");
        t.variants().forEach(v -> b.append("<th>").append(esc(v)).append("</th>"));
        b.append("</tr></thead><tbody>\n");
        for (List<MetricSummary> row : t.rows()) {
            MetricSummary first = row.get(0);
            b.append("<tr><td title=\"").append(esc(first.unit().description())).append("\">")
                    .append(esc(first.metric())).append("</td><td>").append(esc(first.unit().unit())).append("</td>");
            Estimate base = first.estimate();
            for (MetricSummary r : row) {
                String cmp = Tables.comparison(r, base);
                b.append("<td data-sort=\"").append(r.estimate().n() == 0 ? "" : Double.toString(r.estimate().mean()))
                        .append("\">").append(esc(Tables.estimate(r)));
                if (!cmp.isEmpty()) {
                    b.append("<small>").append(esc(cmp)).append("</small>");
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table>\n").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
