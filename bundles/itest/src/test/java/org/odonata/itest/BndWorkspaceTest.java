package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;

import org.junit.jupiter.api.Test;

import aQute.bnd.build.Workspace;
import aQute.bnd.service.RepositoryPlugin;
import biz.aQute.resolve.Bndrun;

/**
 * The repository opened as a bnd workspace, as Bndtools (or bnd on the command line) opens it: its repositories
 * are the Maven build's outputs and Maven Central, and the distribution's bndrun resolves against them, finding
 * the scheduler and token bundles by the capabilities they advertise.
 */
class BndWorkspaceTest {

    @Test
    void theDistributionResolvesInTheBndWorkspace() throws Exception {
        File root = Distribution.root().toFile();
        try (Workspace ws = Workspace.getWorkspace(root)) {
            ws.setOffline(true);
            List<String> repositories = ws.getRepositories().stream().map(RepositoryPlugin::getName).toList();
            assertTrue(repositories.containsAll(List.of("Odonata build", "Maven Central")), repositories.toString());
            try (Bndrun run = Bndrun.createBndrun(ws, new File(root, "bundles/dist/odonata.bndrun"))) {
                String bundles = run.resolve(false, false);
                assertTrue(run.isOk(), "resolution errors: " + run.getErrors());
                for (String bsn : List.of("org.odonata.shell", "org.odonata.kern", "org.odonata.sched.lwkt",
                        "org.odonata.sched.fifo", "org.odonata.sync.tokens", "org.odonata.sync.mcs",
                        "org.apache.felix.scr")) {
                    assertTrue(bundles.contains(bsn), bsn + " missing from " + bundles);
                }
                assertEquals("--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED, --sun-misc-unsafe-memory-access=allow",
                        run.getProperty("-runvm"), "Bndtools launches must run the continuation engine too");
                assertTrue(run.getRunFw() != null, "the framework comes from Maven Central");
            }
        }
    }
}
