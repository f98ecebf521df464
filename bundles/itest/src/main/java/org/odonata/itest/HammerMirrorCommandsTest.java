package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The {@code hammer:mirror-*} commands (cmd_mirror.c) on a booted kernel's HAMMER root in a real framework:
 * mirror-copy makes a slave that {@code fs:mtree} finds equal to its master, mirror-read and mirror-write carry an
 * increment through a host file, and a damaged stream file is refused naming its byte, the slave unchanged.
 */
class HammerMirrorCommandsTest {

    private static String error(String command) {
        return assertThrows(Exception.class, () -> Framework.run(command)).getMessage();
    }

    @Test
    void aMasterIsMirroredToASlaveThroughCopyAndThroughAStreamFile() throws Exception {
        Path host = Files.createTempFile("mirror-itest", ".txt");
        Path stream = Files.createTempFile("mirror-itest", ".hms");
        Path spec = Files.createTempFile("mirror-itest", ".mtree");
        try {
            Files.writeString(host, "mirrored\n");
            Framework.run("kern:boot --preset smp-4 --vm none --swap 0 --seed 12");
            Framework.run("fs:mkdir /pfs");
            Framework.run("hammer:pfs-master /pfs/a");
            Framework.run("fs:mkdir /pfs/a/d");
            Framework.run("fs:write --from " + host + " /pfs/a/d/f");

            String copy = Framework.run("hammer:mirror-copy /pfs/a /pfs/b");
            assertTrue(copy.contains("Creating PFS #2 succeeded") && copy.contains("operating as a SLAVE")
                    && copy.contains("wrote PFS #2"), copy);
            assertTrue(Framework.run("fs:ls -l /pfs").matches("(?s).*b -> @@0x[0-9a-f]{16}:00002.*"));
            Files.writeString(spec, Framework.run("fs:mtree -k type,size,sha256,nlink /pfs/a/d"));
            assertEquals("/pfs/b/d matches " + spec, Framework.run("fs:mtree -f " + spec + " /pfs/b/d").strip());
            assertTrue(error("fs:write --from " + host + " /pfs/b/g").contains("EROFS"), "a slave is read-only");

            String status = Framework.run("hammer:pfs-status /pfs/b");
            Matcher m = Pattern.compile("sync-end-tid=(0x[0-9a-f]{16})").matcher(status);
            assertTrue(m.find(), status);
            Files.writeString(host, "changed on the master\n");
            Framework.run("fs:write --from " + host + " /pfs/a/d/f");
            String read = Framework.run("hammer:mirror-read /pfs/a --since " + m.group(1) + " --out " + stream);
            assertTrue(read.contains("PFS #1") && read.contains("bytes written to " + stream), read);

            byte[] good = Files.readAllBytes(stream);
            byte[] bad = good.clone();
            bad[bad.length / 2] ^= 0x10;
            Files.write(stream, bad);
            String refused = error("hammer:mirror-write /pfs/b --in " + stream);
            assertTrue(refused.contains("mirror stream rejected at byte") && refused.contains("is unchanged"), refused);
            Files.write(stream, Arrays.copyOf(good, good.length - 5));
            assertTrue(error("hammer:mirror-write /pfs/b --in " + stream).contains("truncated"));
            assertEquals("/pfs/b/d matches " + spec, Framework.run("fs:mtree -f " + spec + " /pfs/b/d").strip(),
                    "the refused streams left the slave as it was");

            Files.write(stream, good);
            String wrote = Framework.run("hammer:mirror-write /pfs/b --in " + stream);
            assertTrue(wrote.contains("wrote PFS #2") && wrote.contains("sync_end_tid " + m.group(1) + " -> "), wrote);
            assertEquals("changed on the master", Framework.run("fs:cat /pfs/b/d/f").strip());

            Files.writeString(host, "streamed\n");
            Framework.run("fs:write --from " + host + " /pfs/a/d/g");
            String streamed = Framework.run("hammer:mirror-stream /pfs/a /pfs/b --interval 500ms --for 2s");
            assertTrue(streamed.matches("(?s).*\\n[2-4] rounds in .* of virtual time: .*records created.*"), streamed);
            assertEquals("streamed", Framework.run("fs:cat /pfs/b/d/g").strip());

            Framework.run("hammer:pfs-master /pfs/c");
            assertTrue(error("hammer:mirror-write /pfs/c --in " + stream).contains("is a master"));
            assertTrue(error("hammer:mirror-read / --out " + stream).contains("PFS #0 cannot be mirrored"));
            assertTrue(error("hammer:mirror-read /pfs/a").contains("usage: hammer:mirror-read PATH [--since TID]"
                    + " --out FILE"));
            assertTrue(error("hammer:mirror-copy /pfs/a").contains("usage: hammer:mirror-copy SRC DST"));
            assertTrue(error("hammer:mirror-stream /pfs/a /pfs/b --interval soon").contains("--interval: expected a"
                    + " duration"));
            assertTrue(error("hammer:mirror-write /pfs/b --in /nonexistent/stream").contains("no such file"));
        } finally {
            Files.deleteIfExists(host);
            Files.deleteIfExists(stream);
            Files.deleteIfExists(spec);
        }
    }
}
