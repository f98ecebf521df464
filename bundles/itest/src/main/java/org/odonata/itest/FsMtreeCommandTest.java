package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code fs:mtree} writing a specification of a simulated tree and verifying the tree against it. */
class FsMtreeCommandTest {

    @Test
    void writesASpecificationAndVerifiesTheTreeAgainstIt() throws Exception {
        Path host = Files.createTempFile("mtree-itest", ".txt");
        Path spec = Files.createTempFile("mtree-itest", ".mtree");
        try {
            Files.writeString(host, "abc");
            Framework.run("kern:boot --preset smp-4 --rootfs tmpfs --seed 5");
            Framework.run("fs:mkdir /t");
            Framework.run("fs:mkdir /t/sub");
            Framework.run("fs:write --from " + host + " /t/sub/f");
            String written = Framework.run("fs:mtree -k type,size,sha256,mode,nlink /t");
            assertTrue(written.contains("\n# .\n/set type=file mode=0755 nlink=1\n.               type=dir nlink=3\n"),
                    written);
            assertTrue(written.contains("    f           size=3 \\\n                sha256="
                    + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"), written);
            Files.writeString(spec, written);
            assertEquals("/t matches " + spec, Framework.run("fs:mtree -f " + spec + " /t").strip());
            Files.writeString(host, "abcd");
            Framework.run("fs:write --from " + host + " /t/sub/f");
            Framework.run("fs:mkdir /t/new");
            Exception diff = assertThrows(Exception.class, () -> Framework.run("fs:mtree -f " + spec + " /t"));
            assertTrue(diff.getMessage().contains("/t differs from " + spec + " in 2 files"), diff.getMessage());
            Exception key = assertThrows(Exception.class, () -> Framework.run("fs:mtree -k colour /t"));
            assertTrue(key.getMessage().contains("unknown mtree keyword 'colour'; supported: type,size,sha256,mode,"
                    + "nlink,link,uid,gid"), key.getMessage());
            Files.writeString(spec, ". type=dir\n    f size=x\n");
            Exception bad = assertThrows(Exception.class, () -> Framework.run("fs:mtree -f " + spec + " /t"));
            assertTrue(bad.getMessage().contains(spec + ":2: expected a number after size=, not x"), bad.getMessage());
        } finally {
            Files.deleteIfExists(host);
            Files.deleteIfExists(spec);
        }
    }
}
