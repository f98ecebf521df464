package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles installed at run time, through the distribution as a researcher drives it: from the R5 index the
 * build writes ({@code repo:}), from a spec's {@code bundles:}, and what config.json then records. The FIFO
 * scheduler stands in for a third-party bundle: each test first uninstalls the distribution's copy.
 */
class BundleRepositoryTest {

    private static final Path INDEX = Distribution.root().resolve("bundles/dist/target/repository/index.xml");

    @Test
    void repoInstallResolvesANamedCapabilityFromTheBuildsIndex() throws Exception {
        Distribution.Outcome o = Distribution.batch("repo:add " + INDEX + "; repo:list; uninstall org.odonata.sched.fifo;"
                + " repo:install odonata.scheduler=fifo; sched:list; repo:bundles");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("org.odonata.sched.fifo") && o.out().contains("odonata.scheduler=fifo"),
                "repo:list shows the bundle and what it provides: " + o.out());
        assertTrue(o.out().contains("installed org.odonata.sched.fifo "), o.out());
        assertTrue(o.out().contains("sha256 " + TestBundles.sha256(fifoJar())), "the index's hash, checked: " + o.out());
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("  fifo ")), "fifo is back in sched:list: " + o.out());
    }

    @Test
    void aJarWhoseHashIsNotTheIndexsIsNotInstalled(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(fifoJar(), dir.resolve("fifo.jar"));
        Files.writeString(dir.resolve("index.xml"), """
                <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0" name="tampered">
                  <resource>
                    <capability namespace="osgi.identity">
                      <attribute name="osgi.identity" value="org.odonata.sched.fifo"/>
                      <attribute name="type" value="osgi.bundle"/>
                      <attribute name="version" value="9.9.9" type="Version"/>
                    </capability>
                    <capability namespace="osgi.content">
                      <attribute name="osgi.content" value="%s"/>
                      <attribute name="url" value="fifo.jar"/>
                    </capability>
                  </resource>
                </repository>
                """.formatted("0".repeat(64)));
        Distribution.Outcome o = Distribution.batch("repo:add " + dir.resolve("index.xml")
                + "; repo:install org.odonata.sched.fifo");
        assertEquals(1, o.status(), o.out());
        assertTrue(o.err().contains("/" + jar.getFileName() + " has SHA-256 " + TestBundles.sha256(jar)
                + " but the index says " + "0".repeat(64) + "; not installed"), o.err());
    }

    @Test
    void aSpecLoadsABundleBeforeItsVariantsAreCheckedAndConfigJsonRecordsIt(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(fifoJar(), dir.resolve("my-fifo.jar"));
        Path spec = Files.writeString(dir.resolve("loaded.yaml"), """
                name: loaded
                bundles: [my-fifo.jar]
                variants:
                  - {name: dfly, sched: dfly}
                  - {name: mine, sched: fifo}
                workloads:
                  - {type: cpuhog, args: ["4"]}
                trials: 1
                warmup: 2ms
                measure: 5ms
                """);
        Distribution.Outcome o = Distribution.batch("uninstall org.odonata.sched.fifo; exp:run " + spec
                + " --results " + dir.resolve("results"));
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("bundle org.odonata.sched.fifo "), o.out());
        Path config;
        try (Stream<Path> files = Files.walk(dir.resolve("results"))) {
            config = files.filter(p -> p.getFileName().toString().equals("config.json")).findFirst().orElseThrow();
        }
        String json = Files.readString(config);
        assertTrue(json.contains("\"sha256\" : \"" + TestBundles.sha256(jar) + "\""), json);
        assertTrue(json.contains("\"location\" : \"" + jar.toUri() + "\""), json);
        assertTrue(json.contains("\"symbolicName\" : \"org.apache.felix.scr\""), "every bundle, not only ours: " + json);
    }

    static Path fifoJar() throws IOException {
        try (Stream<Path> jars = Files.list(INDEX.getParent())) {
            List<Path> fifo = jars.filter(p -> p.getFileName().toString().startsWith("sched-fifo-")).toList();
            assertEquals(1, fifo.size(), "one sched-fifo jar in " + INDEX.getParent());
            return fifo.get(0);
        }
    }
}
