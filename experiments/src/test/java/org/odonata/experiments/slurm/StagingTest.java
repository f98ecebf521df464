package org.odonata.experiments.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staged distribution (once per content, in the launcher's layout, checked against its hash) and the staged spec
 * (its files kept where its relative paths say, its text unchanged).
 */
class StagingTest {

    @Test
    void theDistributionIsStagedOncePerContent(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(Staging.JAR).getParent());
        Files.writeString(home.resolve(Staging.LAUNCHER), "#!/bin/bash\n");
        Files.writeString(home.resolve(Staging.JAR), "jar v1");
        Staging.Distribution a = Staging.distribution(home, dir.resolve("results"));
        Staging.Distribution b = Staging.distribution(home, dir.resolve("results"));
        assertEquals(a, b);
        assertTrue(a.launcher().startsWith(dir.resolve("results/.slurm")), a.toString());
        assertEquals("jar v1", Files.readString(a.launcher().getParent().resolve(Staging.JAR)));
        assertEquals(Staging.sha256(home.resolve(Staging.JAR)), a.jarSha256());
        Files.writeString(home.resolve(Staging.JAR), "jar v2");
        Staging.Distribution c = Staging.distribution(home, dir.resolve("results"));
        assertTrue(!c.launcher().equals(a.launcher()), "a new jar is a new staged copy");
        Files.writeString(a.launcher().getParent().resolve(Staging.JAR), "tampered");
        Files.writeString(home.resolve(Staging.JAR), "jar v1");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Staging.distribution(home, dir.resolve("results")));
        assertTrue(e.getMessage().contains("differs from its hash"), e.getMessage());
    }

    @Test
    void theSpecKeepsItsFilesWhereItsRelativePathsSay(@TempDir Path dir) throws Exception {
        Path spec = Files.createDirectories(dir.resolve("proj/specs")).resolve("rr.yaml");
        Files.writeString(spec, "bundles: [../target/rr.jar]\n");
        Path jar = Files.createDirectories(dir.resolve("proj/target")).resolve("rr.jar");
        Files.writeString(jar, "bundle");
        Staging.StagedSpec staged = Staging.spec(spec, List.of(jar), dir.resolve("sub/files"));
        assertEquals(dir.resolve("sub/files/specs/rr.yaml"), staged.spec());
        assertEquals("bundle", Files.readString(staged.spec().getParent().resolve("../target/rr.jar")));
        assertEquals(Files.readString(spec), Files.readString(staged.spec()));
        assertEquals(List.of("files/specs/rr.yaml", "files/target/rr.jar"), List.copyOf(staged.sha256().keySet()));
        assertEquals(Staging.sha256(jar), staged.sha256().get("files/target/rr.jar"));
    }
}
