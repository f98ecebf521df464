package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.odonata.api.fs.FileSystemType;
import org.odonata.api.vfs.VfsFactory;
import org.osgi.framework.ServiceReference;

/** The {@code fs:} commands and {@code kern:boot --rootfs} in a real framework, with the VFS, tmpfs and HAMMER. */
class FsCommandsTest {

    private static final Set<String> FS = Set.of("mount", "umount", "df", "ls", "cat", "stat", "write", "mkdir");

    @Test
    void everyFsCommandIsRegisteredAndTheVfsAndTmpfsAreServices() throws Exception {
        Framework.service(org.apache.felix.service.command.CommandProcessor.class);
        Set<String> registered = new TreeSet<>();
        for (ServiceReference<?> ref : Framework.context().getServiceReferences((String) null,
                "(osgi.command.scope=fs)")) {
            Object f = ref.getProperty("osgi.command.function");
            registered.addAll(f instanceof String[] a ? Arrays.asList(a) : Set.of(String.valueOf(f)));
        }
        assertEquals(new TreeSet<>(FS), registered);
        assertTrue(Framework.service(VfsFactory.class).types().contains("tmpfs"));
        assertTrue(Framework.service(FileSystemType.class) != null);
    }

    @Test
    void aSessionWritesAHostFileIntoAMountedTmpfsAndReadsItBack() throws Exception {
        Path host = Files.createTempFile("fs-itest", ".txt");
        try {
            Files.writeString(host, "hello from the host\n");
            String boot = Framework.run("kern:boot --preset smp-4 --rootfs tmpfs --seed 3");
            assertTrue(boot.contains("root tmpfs"), boot);
            Framework.run("fs:mkdir /mnt");
            assertTrue(Framework.run("fs:mount --options size=1m tmpfs none /mnt").contains("mounted tmpfs"));
            String wrote = Framework.run("fs:write --from " + host + " /mnt/greeting");
            assertTrue(wrote.contains("wrote 20 bytes"), wrote);
            assertEquals("hello from the host", Framework.run("fs:cat /mnt/greeting").strip());
            String ls = Framework.run("fs:ls -l /mnt");
            assertTrue(ls.contains("-rw-r--r--") && ls.contains("20 greeting"), ls);
            String stat = Framework.run("fs:stat /mnt/greeting");
            assertTrue(stat.contains("Size: 20") && stat.contains("regular file"), stat);
            String df = Framework.run("fs:df");
            assertTrue(df.contains("/mnt") && df.contains("1048576"), df);
            Exception busy = assertThrows(Exception.class, () -> Framework.run("fs:umount /"));
            assertTrue(busy.getMessage().contains("EINVAL") || busy.getMessage().contains("EBUSY"),
                    busy.getMessage());
            assertTrue(Framework.run("fs:umount /mnt").contains("unmounted"));
            Exception gone = assertThrows(Exception.class, () -> Framework.run("fs:cat /mnt/greeting"));
            assertTrue(gone.getMessage().contains("fs:cat /mnt/greeting: ENOENT"), gone.getMessage());
        } finally {
            Files.deleteIfExists(host);
        }
    }

    @Test
    void hammerIsTheDefaultRootOnTheMachinesDiskAndMountsOnASecondDisk() throws Exception {
        Path host = Files.createTempFile("fs-itest", ".txt");
        try {
            Files.writeString(host, "kept on hammer\n");
            String boot = Framework.run("kern:boot --preset smp-4 --vm none --swap 256M --seed 4");
            assertTrue(boot.contains("root hammer"), boot);
            String df = Framework.run("fs:df");
            assertTrue(df.contains("hammer") && df.contains("nvme0"), df);
            Framework.run("fs:write --from " + host + " /greeting");
            assertEquals("kept on hammer", Framework.run("fs:cat /greeting").strip());
            Framework.run("fs:mkdir /data");
            Exception blank = assertThrows(Exception.class, () -> Framework.run("fs:mount hammer swap0 /data"));
            assertTrue(blank.getMessage().contains("EINVAL"), blank.getMessage());
            assertTrue(Framework.run("fs:mount --options newfs hammer swap0 /data").contains("mounted hammer"));
            Framework.run("fs:write --from " + host + " /data/copy");
            assertTrue(Framework.run("fs:umount /data").contains("unmounted"));
            assertTrue(Framework.run("fs:ls /data").isBlank());
            Framework.run("fs:mount hammer swap0 /data");
            assertEquals("kept on hammer", Framework.run("fs:cat /data/copy").strip(), "found again after a remount");
            String ls = Framework.run("fs:ls -l /");
            assertTrue(ls.contains("15 greeting"), ls);
        } finally {
            Files.deleteIfExists(host);
        }
    }

    @Test
    void mistakesNameWhatWasWrong() throws Exception {
        Exception root = assertThrows(Exception.class, () -> Framework.run("kern:boot --rootfs nofs"));
        assertTrue(root.getMessage().contains("unknown root filesystem 'nofs'; valid:"), root.getMessage());
        Framework.run("kern:boot --preset smp-4");
        Exception type = assertThrows(Exception.class, () -> Framework.run("fs:mount nofs none /"));
        assertTrue(type.getMessage().contains("ENODEV"), type.getMessage());
        Exception host = assertThrows(Exception.class, () -> Framework.run("fs:write --from /no/such/file /x"));
        assertTrue(host.getMessage().contains("no host file"), host.getMessage());
        Exception dir = assertThrows(Exception.class, () -> Framework.run("fs:cat /"));
        assertTrue(dir.getMessage().contains("EISDIR"), dir.getMessage());
        assertTrue(new String(Framework.run("fs:ls /").getBytes(StandardCharsets.UTF_8)).isBlank());
    }
}
