package org.odonata.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFolderTest {

    @TempDir
    Path root;

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFolderAppearsOnlyAtTheCommit() throws IOException {
        Path target = root.resolve("exp").resolve("run1");
        try (AtomicFolder f = AtomicFolder.create(target)) {
            Files.writeString(f.dir().resolve("a.txt"), "a");
            assertFalse(Files.exists(target));
            assertTrue(AtomicFolder.isPartial(f.dir()));
            assertEquals("run1", AtomicFolder.targetName(f.dir()));
            assertEquals(target, f.commit());
        }
        assertEquals(List.of("run1"), names(root.resolve("exp")));
        assertEquals("a", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void aCommitReplacesAnOlderFolderWhole() throws IOException {
        Path target = root.resolve("run");
        Files.createDirectories(target.resolve("charts"));
        Files.writeString(target.resolve("charts").resolve("stale.png"), "");
        try (AtomicFolder f = AtomicFolder.create(target)) {
            Files.writeString(f.dir().resolve("report.md"), "new");
            f.commit();
        }
        assertEquals(List.of("report.md"), names(target));
        assertEquals(List.of("run"), names(root));
    }

    @Test
    void closingWithoutACommitLeavesNothing() throws IOException {
        try (AtomicFolder f = AtomicFolder.create(root.resolve("run"))) {
            Files.createDirectories(f.dir().resolve("charts"));
            Files.writeString(f.dir().resolve("charts").resolve("x.svg"), "x");
        }
        assertEquals(List.of(), names(root));
    }
}
