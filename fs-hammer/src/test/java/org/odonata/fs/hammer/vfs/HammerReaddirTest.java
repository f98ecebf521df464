package org.odonata.fs.hammer.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.api.vfs.Fcntl.AT_FDCWD;
import static org.odonata.api.vfs.Fcntl.O_CREAT;
import static org.odonata.api.vfs.Fcntl.O_DIRECTORY;
import static org.odonata.api.vfs.Fcntl.O_RDONLY;
import static org.odonata.api.vfs.Fcntl.O_WRONLY;
import static org.odonata.api.vfs.VfsSyscalls.path;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.DirEntry;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.SysResult;
import org.odonata.fs.hammer.object.DirHash;
import org.odonata.fs.hammer.testing.Collisions;

/**
 * getdents on HAMMER (hammer_vop_readdir): entries come in directory-key order, the ALG1 namekey of a root made at
 * boot, and a listing read one entry per call resumes from its cookie through a collision chain although a name
 * of the chain it already returned is removed in between, whether the entries are still pending or flushed.
 */
class HammerReaddirTest {

    private static void create(Syscalls sys, String p) {
        int fd = sys.open(p, O_CREAT | O_WRONLY, 0644);
        assertTrue(fd >= 0, p + ": " + Errno.ofResult(fd));
        assertEquals(0, sys.close(fd));
    }

    @ParameterizedTest(name = "flushed first: {0}")
    @ValueSource(booleans = {false, true})
    void aListingResumesThroughACollisionChainWhileItsNamesGo(boolean flushed) {
        Kernel k = KernelHammer.boot(11);
        List<String> chain = Collisions.names(DirHash.ALG1, 3);
        List<String> others = List.of("a", "README.md", "z.tmp", "hammer_subs.c");
        List<String> listed = new ArrayList<>();
        KernelHammer.run(k, 2_000, sys -> {
            assertEquals(0, sys.mkdir("/d", 0755));
            for (String n : others) {
                create(sys, "/d/" + n);
            }
            for (String n : chain) {
                create(sys, "/d/" + n);
            }
            if (flushed) {
                int dfd = sys.open("/d", O_RDONLY | O_DIRECTORY, 0);
                assertEquals(0, sys.fsync(dfd));
                sys.close(dfd);
            }
            int fd = sys.open("/d", O_RDONLY | O_DIRECTORY, 0);
            while (true) {
                SysResult<List<DirEntry>> r = sys.getdents(fd, 40);
                assertTrue(r.ok(), "getdents: " + r.errno());
                if (r.value().isEmpty()) {
                    break;
                }
                assertEquals(1, r.value().size(), "one entry per 40-byte call");
                String name = r.value().get(0).nameString();
                listed.add(name);
                if (name.equals(chain.get(0))) {
                    assertEquals(0, sys.unlinkat(AT_FDCWD, path("/d/" + name), 0));
                }
            }
            sys.close(fd);
        });
        List<String> expected = new ArrayList<>(others);
        expected.addAll(chain);
        expected.sort((a, b) -> a.equals(b) ? 0 : DirHash.ALG1.namekey(a) != DirHash.ALG1.namekey(b)
                ? Long.compare(DirHash.ALG1.namekey(a), DirHash.ALG1.namekey(b)) : Integer.compare(chain.indexOf(a),
                        chain.indexOf(b)));
        expected.addAll(0, List.of(".", ".."));
        assertEquals(expected, listed, "every name once, in namekey order, the chain in creation order");
    }
}
