package org.odonata.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

class RepositoryIndexTest {

    /** Two versions of one scheduler bundle, as bnd's indexer writes them (relative content URLs). */
    private static final String INDEX = """
            <?xml version='1.0' encoding='UTF-8'?>
            <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0" name="lab" increment="1">
              %s
              %s
            </repository>
            """;
    private static final String RESOURCE = """
            <resource>
              <capability namespace="osgi.identity">
                <attribute name="osgi.identity" value="edu.example.sched.rr"/>
                <attribute name="type" value="osgi.bundle"/>
                <attribute name="version" value="%s" type="Version"/>
              </capability>
              <capability namespace="osgi.content">
                <attribute name="osgi.content" value="%s"/>
                <attribute name="url" value="jars/rr-%s.jar"/>
                <attribute name="size" value="1234" type="Long"/>
              </capability>
              <capability namespace="odonata.scheduler">
                <attribute name="odonata.scheduler" value="rr"/>
              </capability>
              <capability namespace="osgi.wiring.package">
                <attribute name="osgi.wiring.package" value="edu.example.sched.rr"/>
                <attribute name="bnd.hashes" value="1,-2,3" type="List&lt;Long&gt;"/>
              </capability>
              <requirement namespace="osgi.wiring.package">
                <directive name="filter" value="(&amp;(osgi.wiring.package=org.odonata.api.sched)(version&gt;=1.2.0))"/>
              </requirement>
            </resource>
            """;

    @Test
    void readsResourcesWithTypedAttributesAndContentResolvedAgainstTheIndex(@TempDir Path dir) throws IOException {
        RepositoryIndex index = RepositoryIndex.read(write(dir));
        assertEquals("lab", index.name());
        assertEquals(2, index.resources().size());
        IndexResource r = index.resources().get(0);
        assertEquals("edu.example.sched.rr", r.symbolicName());
        assertEquals(new Version(0, 1, 0), r.version());
        assertEquals("aa11", r.sha256(), "lower-case hex");
        assertEquals(dir.resolve("jars/rr-0.1.0.jar").toUri(), r.url());
        assertEquals(List.of(1L, -2L, 3L), r.getCapabilities("osgi.wiring.package").get(0).getAttributes()
                .get("bnd.hashes"));
        assertEquals(1, r.getRequirements("osgi.wiring.package").size());
    }

    @Test
    void findsTheHighestVersionByNameOrByCapabilityWithinARange(@TempDir Path dir) throws IOException {
        RepositoryIndex index = RepositoryIndex.read(write(dir));
        assertEquals(new Version(0, 2, 0), index.find("edu.example.sched.rr", null).orElseThrow().version());
        assertEquals(new Version(0, 2, 0), index.find("odonata.scheduler=rr", null).orElseThrow().version());
        assertEquals(new Version(0, 1, 0), index.find("odonata.scheduler=rr", "[0.1,0.2)").orElseThrow().version());
        assertTrue(index.find("odonata.scheduler=eevdf", null).isEmpty());
    }

    @Test
    void aMissSaysWhatTheIndexHas(@TempDir Path dir) throws IOException {
        RepositoryIndex index = RepositoryIndex.read(write(dir));
        assertTrue(index.miss("edu.example.nope", null).endsWith("no bundle named 'edu.example.nope'; the index has "
                + "edu.example.sched.rr"), index.miss("edu.example.nope", null));
        assertTrue(index.miss("edu.example.sched.rr", "[1,2)").endsWith("no version of edu.example.sched.rr in [1,2);"
                + " the index has [0.1.0, 0.2.0]"), index.miss("edu.example.sched.rr", "[1,2)"));
    }

    @Test
    void somethingElseIsRefusedWithItsLocation(@TempDir Path dir) throws IOException {
        Path notIndex = Files.writeString(dir.resolve("index.xml"), "<html><body>404</body>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RepositoryIndex.read(notIndex.toUri()));
        assertTrue(e.getMessage().startsWith(notIndex.toUri() + ": not an R5 repository index"), e.getMessage());
    }

    private static java.net.URI write(Path dir) throws IOException {
        String index = INDEX.formatted(RESOURCE.formatted("0.1.0", "AA11", "0.1.0"),
                RESOURCE.formatted("0.2.0", "bb22", "0.2.0"));
        return Files.writeString(dir.resolve("index.xml"), index).toUri();
    }
}
