package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;

class HammerCommandsTest {

    private static final Set<String> HAMMER = Set.of("newfs", "mount", "umount", "info", "ls", "cat", "write", "mkdir",
            "rm", "history", "snapshot", "snapls", "prune", "reblock", "check", "pfs-master", "pfs-slave", "pfs-status",
            "pfs-upgrade", "pfs-downgrade", "pfs-destroy", "mirror-read", "mirror-write", "mirror-copy", "mirror-stream");

    private Path dir;

    /** Leaves the shell with nothing mounted, whatever a test did, and removes the test's images. */
    @AfterEach
    void unmount() throws Exception {
        try {
            Framework.run("hammer:umount");
        } catch (Exception nothingMounted) {
            // the test unmounted already
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private Path image() throws Exception {
        dir = Files.createTempDirectory("hammer-itest");
        return dir.resolve("vol.img");
    }

    @Test
    void everyHammerCommandIsRegistered() throws Exception {
        Framework.service(org.apache.felix.service.command.CommandProcessor.class);
        Set<String> registered = new TreeSet<>();
        for (ServiceReference<?> ref : Framework.context().getServiceReferences((String) null,
                "(osgi.command.scope=hammer)")) {
            Object f = ref.getProperty("osgi.command.function");
            registered.addAll(f instanceof String[] a ? Arrays.asList(a) : Set.of(String.valueOf(f)));
        }
        assertEquals(new TreeSet<>(HAMMER), registered);
    }

    @Test
    void aSessionFromNewfsToUmountKeepsHistorySnapshotsAndTheImage() throws Exception {
        Path img = image();
        assertTrue(Framework.run("hammer:newfs --bigblock 1M " + img + " 64M").contains("formatted"));
        assertTrue(Files.size(img) >= 64L << 20);
        assertTrue(Framework.run("hammer:mount " + img).contains("mounted"));
        Framework.run("hammer:mkdir /docs");
        Framework.run("hammer:write /docs/notes \"first version\"");
        String snap = Framework.run("hammer:snapshot daily");
        Matcher m = Pattern.compile("snapshot (0x[0-9a-f]{16})").matcher(snap);
        assertTrue(m.find(), snap);
        String tid = m.group(1);
        Framework.run("hammer:write /docs/notes \"second version\"");

        assertEquals("second version", Framework.run("hammer:cat /docs/notes").strip());
        assertEquals("first version", Framework.run("hammer:cat /docs/notes@@" + tid).strip());
        assertTrue(Framework.run("hammer:ls /docs").contains("notes"));
        assertTrue(Framework.run("hammer:snapls").contains("daily"));
        String history = Framework.run("hammer:history /docs/notes");
        assertTrue(history.contains("(current)") && history.lines().count() >= 3, history);
        String info = Framework.run("hammer:info");
        assertTrue(info.contains("next TID") && info.contains("UNDO FIFO"), info);
        assertTrue(Framework.run("hammer:check").contains("no problems"));
        assertTrue(Framework.run("hammer:prune --everything").contains("pruned"));
        assertTrue(Framework.run("hammer:reblock --fill 100").contains("reblocked"));
        assertTrue(Framework.run("hammer:check").contains("no problems"));
        Framework.run("hammer:umount");

        Framework.run("hammer:mount --ro " + img);
        assertEquals("second version", Framework.run("hammer:cat /docs/notes").strip());
        assertEquals("first version", Framework.run("hammer:cat /docs/notes@@" + tid).strip(),
                "the snapshot survives prune, reblock and a remount");
    }

    /** newfs_hammer -V: the current version (8, ALG1 directory hash) by default, the older 7 (ALG0) on request. */
    @Test
    void newfsMakesTheCurrentOnDiskVersionOrAnOlderOne() throws Exception {
        Path img = image();
        assertTrue(Framework.run("hammer:newfs --bigblock 1M " + img + " 32M").contains("version 8"));
        assertTrue(Framework.run("hammer:newfs --bigblock 1M --version 7 --force " + img + " 32M")
                .contains("version 7"));
        Framework.run("hammer:mount " + img);
        Framework.run("hammer:mkdir /d");
        Framework.run("hammer:write /d/f \"old format\"");
        assertEquals("old format", Framework.run("hammer:cat /d/f").strip());
        assertTrue(Framework.run("hammer:info").contains("HAMMER01 v7"));
        assertTrue(Framework.run("hammer:check").contains("no problems"));
        Framework.run("hammer:umount");
        Exception old = assertThrows(Exception.class,
                () -> Framework.run("hammer:newfs --version 6 " + dir.resolve("v6.img") + " 32M"));
        assertTrue(old.getMessage().contains("HAMMER volume versions are 7 to 8"), old.getMessage());
    }

    @Test
    void mistakesAreOneLineErrorsAndTheShellKeepsGoing() throws Exception {
        Exception none = assertThrows(Exception.class, () -> Framework.run("hammer:cat /x"));
        assertTrue(none.getMessage().contains("no volume mounted"), none.getMessage());
        Exception size = assertThrows(Exception.class, () -> Framework.run("hammer:newfs /tmp/never.img 12Q"));
        assertTrue(size.getMessage().contains("bad size"), size.getMessage());
        Path img = image();
        Framework.run("hammer:newfs --bigblock 1M " + img + " 32M");
        Framework.run("hammer:mount " + img);
        Exception missing = assertThrows(Exception.class, () -> Framework.run("hammer:cat /nope"));
        assertTrue(missing.getMessage().contains("ENOENT"), missing.getMessage());
        Exception twice = assertThrows(Exception.class, () -> Framework.run("hammer:mount " + img));
        assertTrue(twice.getMessage().contains("hammer:umount first"), twice.getMessage());
        assertTrue(Framework.run("hammer:check").contains("no problems"));
        Framework.run("hammer:umount");
        Files.write(dir.resolve("empty.img"), new byte[0]);
        Exception empty = assertThrows(Exception.class, () -> Framework.run("hammer:mount " + dir.resolve("empty.img")));
        assertTrue(empty.getMessage().contains("is not a HAMMER image"), empty.getMessage());
    }

    /** The audit's R1 session: 3 MB files into a 48 MB volume of 1 MB big-blocks until it is full. */
    @Test
    void aFullVolumeRefusesTheWriteAtTheCommandAndRemovalAndUmountStillWork() throws Exception {
        Path img = image();
        Path blob = dir.resolve("blob3m");
        byte[] data = new byte[3 << 20];
        new java.util.Random(3).nextBytes(data);
        Files.write(blob, data);
        Framework.run("hammer:newfs --bigblock 1M " + img + " 48M");
        Framework.run("hammer:mount " + img);
        int n = 0;
        Exception full = null;
        for (; full == null; n++) {
            try {
                Framework.run("hammer:write --from " + blob + " /f" + n);
            } catch (Exception e) {
                full = e;
            }
        }
        int written = n - 1;
        assertTrue(full.getMessage().contains("ENOSPC") && full.getMessage().contains("/f" + written),
                full.getMessage());
        assertTrue(Framework.run("hammer:rm /f1").contains("removed"));
        String ls = Framework.run("hammer:ls /");
        assertTrue(listed(ls, "f0") && !listed(ls, "f1") && !listed(ls, "f" + written), ls);
        assertTrue(Framework.run("hammer:check").contains("no problems"));
        assertTrue(Framework.run("hammer:umount").contains("unmounted"));
        Framework.run("hammer:mount " + img);
        ls = Framework.run("hammer:ls /");
        assertTrue(listed(ls, "f0") && !listed(ls, "f1") && !listed(ls, "f" + written), ls);
        Framework.run("hammer:prune --everything");
        assertTrue(Framework.run("hammer:write --from " + blob + " /again").contains("wrote"));
        assertTrue(Framework.run("hammer:check").contains("no problems"));
    }

    private static boolean listed(String ls, String name) {
        return Pattern.compile("(?m)\\s" + Pattern.quote(name) + "$").matcher(ls).find();
    }

    @Test
    void checkRunsOnAnUnmountedImageAndNamesTheFaultOfOneThatWillNotMount() throws Exception {
        Path img = image();
        Framework.run("hammer:newfs --bigblock 1M " + img + " 32M");
        assertTrue(Framework.run("hammer:check " + img).contains("no problems"));
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(img,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF}), 100);
        }
        Exception mount = assertThrows(Exception.class, () -> Framework.run("hammer:mount " + img));
        assertTrue(mount.getMessage().contains("header CRC mismatch"), mount.getMessage());
        Exception check = assertThrows(Exception.class, () -> Framework.run("hammer:check " + img));
        assertTrue(check.getMessage().contains("1 problem"), check.getMessage());
    }
}
