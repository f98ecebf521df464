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
 * increment through a host file, and a damaged stream file is refused naming its byte, the slave unchanged. To
 * {@code KERNEL:DST} the stream crosses a simulated link between two kernels advancing in lockstep, and mirror-stream
 * measures each master flush's replication lag.
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
            // the slave's flushes move the mount's flush_tid1 too, which wakes the reader (hammer_flusher_finalize
            // wakes on every flush): on one filesystem the stream sends a batch every --delay, as DragonFly's does
            String streamed = Framework.run("hammer:mirror-stream /pfs/a /pfs/b --delay 500ms --for 2s");
            assertTrue(streamed.matches("(?s).*\\n4 rounds in .* of virtual time: .*records created.*"), streamed);
            assertEquals("streamed", Framework.run("fs:cat /pfs/b/d/g").strip());

            Framework.run("hammer:pfs-master /pfs/c");
            assertTrue(error("hammer:mirror-write /pfs/c --in " + stream).contains("is a master"));
            assertTrue(error("hammer:mirror-read / --out " + stream).contains("PFS #0 cannot be mirrored"));
            assertTrue(error("hammer:mirror-read /pfs/a").contains("usage: hammer:mirror-read PATH [--since TID]"
                    + " --out FILE"));
            assertTrue(error("hammer:mirror-copy /pfs/a").contains("usage: hammer:mirror-copy SRC [KERNEL:]DST"));
            assertTrue(error("hammer:mirror-stream /pfs/a /pfs/b --delay soon").contains("--delay: expected a"
                    + " duration"));
            assertTrue(error("hammer:mirror-stream /pfs/a /pfs/b --interval 1s").contains("--interval is gone: the "
                    + "stream no longer polls the master but waits for its next flush (HAMMERIOC_WAI_PSEUDOFS); --delay"
                    + " DURATION (hammer -d, default 5s)"));
            assertTrue(error("hammer:mirror-write /pfs/b --in /nonexistent/stream").contains("no such file"));
        } finally {
            Files.deleteIfExists(host);
            Files.deleteIfExists(stream);
            Files.deleteIfExists(spec);
        }
    }

    private static final Pattern BOOTED = Pattern.compile("booted (kern[0-9]+) ");
    private static final Pattern LAG = Pattern.compile("replication lag over ([0-9]+) flushes: mean (\\S+), p50 "
            + "(\\S+), p99 (\\S+), max (\\S+) ");

    /** Boots a kernel and returns its name. */
    private static String boot(int seed) throws Exception {
        Matcher m = BOOTED.matcher(Framework.run("kern:boot --preset smp-4 --vm none --swap 0 --seed " + seed));
        assertTrue(m.find());
        return m.group(1);
    }

    /** Seconds of a VirtualDuration text such as 7.96ms or 1.8s. */
    private static double seconds(String text) {
        Matcher m = Pattern.compile("([0-9.]+)(ns|us|ms|s)").matcher(text);
        assertTrue(m.matches(), text);
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "ns" -> v * 1e-9;
            case "us" -> v * 1e-6;
            case "ms" -> v * 1e-3;
            default -> v;
        };
    }

    @Test
    void aMirrorCopyToAnotherKernelCrossesTheLinkAndTheSlaveEqualsTheMaster() throws Exception {
        Path host = Files.createTempFile("mirror-link", ".txt");
        Path spec = Files.createTempFile("mirror-link", ".mtree");
        try {
            String master = boot(21);
            Framework.run("fs:mkdir /pfs");
            Framework.run("hammer:pfs-master /pfs/a");
            Framework.run("fs:mkdir /pfs/a/d");
            Files.writeString(host, "one\n");
            Framework.run("fs:write --from " + host + " /pfs/a/d/one");
            Files.write(host, new byte[300_000]);
            Framework.run("fs:write --from " + host + " /pfs/a/d/big");
            String slave = boot(22);
            Framework.run("fs:mkdir /pfs");
            Framework.run("kern:use " + master);

            String copy = Framework.run("hammer:mirror-copy /pfs/a " + slave + ":/pfs/b --link 10Mbit/s,1ms");
            assertTrue(copy.startsWith(master + ":/pfs/a -> " + slave + ":/pfs/b over a link of 10 Mbit/s, 1ms "
                    + "latency (lockstep quantum 1ms)") && copy.contains("Creating PFS #1 succeeded")
                    && copy.contains("1 batch in "), copy);
            Matcher bytes = Pattern.compile("link: 2 records \\(([0-9]+) bytes\\) out, 2 \\(48 bytes\\) back")
                    .matcher(copy);
            assertTrue(bytes.find(), copy);
            Matcher took = Pattern.compile("1 batch in (\\S+) of virtual time").matcher(copy);
            assertTrue(took.find(), copy);
            assertTrue(seconds(took.group(1)) > Long.parseLong(bytes.group(1)) * 8 / 10e6 + 2e-3,
                    "the copy takes at least its bytes over the bandwidth plus the latency both ways: " + copy);

            Files.writeString(spec, Framework.run("fs:mtree -k type,size,sha256,nlink /pfs/a/d"));
            Files.writeString(host, "two\n");
            Framework.run("fs:write --from " + host + " /pfs/a/d/one");
            Framework.run("kern:use " + slave);
            assertEquals("/pfs/b/d matches " + spec, Framework.run("fs:mtree -f " + spec + " /pfs/b/d").strip());

            Framework.run("kern:use " + master);
            String again = Framework.run("hammer:mirror-copy /pfs/a " + slave + ":/pfs/b");
            assertTrue(again.contains("over a link of 1 Gbit/s, 100us latency") && !again.contains("Creating"), again);
            Files.writeString(spec, Framework.run("fs:mtree -k type,size,sha256,nlink /pfs/a/d"));
            Framework.run("kern:use " + slave);
            assertEquals("/pfs/b/d matches " + spec, Framework.run("fs:mtree -f " + spec + " /pfs/b/d").strip(),
                    "the increment after the slave's sync_end_tid crossed the link");
            assertEquals("two", Framework.run("fs:cat /pfs/b/d/one").strip());

            Framework.run("kern:use " + master);
            assertTrue(error("hammer:mirror-copy /pfs/a kern99:/pfs/b").contains("no kernel named 'kern99'; "
                    + "kernels: "));
            assertTrue(error("hammer:mirror-copy /pfs/a " + slave + ":/pfs/b --link fast").contains(
                    "--link bandwidth: expected a bandwidth such as 1Gbit/s, 100Mbit/s or 12.5MB/s, got 'fast'"));
            assertTrue(error("hammer:mirror-stream /pfs/a " + slave + ":/pfs/b --link 1Gbit/s,soon").contains(
                    "--link latency: expected a duration"));
            assertTrue(error("hammer:mirror-copy /pfs/a /pfs/c --link 1Gbit/s").contains("--link needs a DST on "
                    + "another kernel, KERNEL:PATH"));
            assertTrue(error("hammer:mirror-copy /pfs/a " + master + ":/pfs/c").contains("is the kernel SRC is on"));
            Framework.run("kern:use " + slave);
            Framework.run("hammer:pfs-master /pfs/m");
            Framework.run("kern:use " + master);
            assertTrue(error("hammer:mirror-copy /pfs/a " + slave + ":/pfs/m").contains("is a master; the target of"
                    + " a mirror must be a slave"));
        } finally {
            Files.deleteIfExists(host);
            Files.deleteIfExists(spec);
        }
    }

    /** A master writing 64 KB every 10 ms (6.4 MB/s), streamed to another kernel over {@code link}: the lag line. */
    private static String streamLag(String link) throws Exception {
        String master = boot(31);
        Framework.run("fs:mkdir /pfs");
        Framework.run("hammer:pfs-master /pfs/a");
        String slave = boot(32);
        Framework.run("fs:mkdir /pfs");
        Framework.run("kern:use " + master);
        Framework.run("kern:run filewriter /pfs/a/log --size 65536 --every 10ms --for 1ms");
        String out = Framework.run("hammer:mirror-stream /pfs/a " + slave + ":/pfs/b --link " + link
                + " --delay 0s --for 1s");
        Framework.run("kern:use " + slave);
        Matcher size = Pattern.compile("Size: ([0-9]+)").matcher(Framework.run("fs:stat /pfs/b/log"));
        assertTrue(size.find() && Long.parseLong(size.group(1)) > 0 && Long.parseLong(size.group(1)) % 65536 == 0,
                "the log reached the slave in whole writes, as of a master flush");
        assertTrue(LAG.matcher(out).find(), out);
        return out.lines().filter(l -> l.startsWith("replication lag over ")).findFirst().orElseThrow();
    }

    @Test
    void replicationLagStaysBoundedAboveTheWriteRateGrowsBelowItAndRepeatsBitForBit() throws Exception {
        String fast = streamLag("1Gbit/s,100us");
        assertEquals(fast, streamLag("1Gbit/s,100us"), "same seeds, same lag");
        String slow = streamLag("20Mbit/s,100us");
        Matcher f = LAG.matcher(fast);
        Matcher s = LAG.matcher(slow);
        assertTrue(f.find() && s.find());
        assertTrue(Integer.parseInt(f.group(1)) >= 5, fast);
        assertTrue(seconds(f.group(5)) < 0.05, "at 1 Gbit/s (~150 times the write rate) a flush's batch crosses in "
                + "milliseconds: " + fast);
        assertTrue(seconds(s.group(5)) > 0.5 && slow.contains("not replicated when the stream ended"),
                "at 20 Mbit/s (below 6.4 MB/s) the backlog grows: " + slow);
        assertTrue(seconds(s.group(2)) > 20 * seconds(f.group(2)), fast + " / " + slow);
    }
}
