package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code fs:replay} in a real framework: a trace replayed under --into, its mismatches and a malformed trace. */
class FsReplayCommandTest {

    private static final String TRACE = """
            100 openat(AT_FDCWD, "/h/d/f", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3
            100 write(3, "hello\\n", 6) = 6
            100 close(3) = 0
            100 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
            100 close(3) = 0
            100 mkdir("sub", 0755) = 0
            100 newfstatat(AT_FDCWD, "f", {st_mode=S_IFREG|0644, st_size=6, ...}, 0) = 0
            100 exit_group(0) = ?
            100 +++ exited with 0 +++
            """;

    @Test
    void replaysATraceUnderIntoAndFailsOnMismatchesAndMalformedLines() throws Exception {
        Path trace = Files.createTempFile("replay-itest", ".strace");
        try {
            Files.writeString(trace, TRACE);
            Framework.run("kern:boot --preset smp-4 --rootfs tmpfs --seed 5");
            String out = Framework.run("fs:replay " + trace + " --cwd /h/d --into /r1");
            assertTrue(out.startsWith("replayed 5 calls, skipped 3, unsupported 0, unknown 0, mismatched 0"), out);
            assertEquals("hello", Framework.run("fs:cat /r1/f").strip());

            // replayed again into the same place: mkdir now finds sub there
            Exception again = assertThrows(Exception.class,
                    () -> Framework.run("fs:replay " + trace + " --cwd /h/d --into /r1"));
            assertTrue(again.getMessage().contains("1 mismatched, 0 unsupported"), again.getMessage());

            Files.writeString(trace, TRACE.replace("= 6\n100 close", "= 6\n100 close(3 = 0\n100 close"));
            Exception bad = assertThrows(Exception.class,
                    () -> Framework.run("fs:replay " + trace + " --cwd /h/d --into /r2"));
            assertTrue(bad.getMessage().contains(trace.getFileName() + ":3: "), bad.getMessage());
            Exception none = assertThrows(Exception.class, () -> Framework.run("fs:ls /r2"));
            assertTrue(none.getMessage().contains("ENOENT"), none.getMessage());
        } finally {
            Files.deleteIfExists(trace);
        }
    }
}
