package org.odonata.replay.mtree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.vfs.Fcntl;

/**
 * mtree's formats pinned against Debian's mtree-netbsd 20180822: its {@code mtree -c} output for a tree with odd
 * names, special files, set-id modes and owners, and its {@code mtree -f} report after changing such a tree (both
 * captured into the test resources from the real tool, with the commands in {@code mtree/README.md}).
 */
class MtreeTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = MtreeTest.class.getResourceAsStream("/mtree/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The tree mtree-netbsd described in netbsd-create.mtree. */
    private static MemTree createdTree() {
        return new MemTree().dir("/t", 0755, 3)
                .file("/t/a b", 0644, "x")
                .file("/t/tab\tx", 0644, "y")
                .file("/t/nl\nq", 0644, "z")
                .link("/t/lnk", "a b")
                .link("/t/lnk2", "we#rd\\")
                .special("/t/fifo", Fcntl.S_IFIFO, 0644)
                .special("/t/cdev", Fcntl.S_IFCHR, 0644)
                .dir("/t/sub", 0755, 3)
                .file("/t/sub/f", 0600, "123")
                .dir("/t/sub/deeper", 04755, 2)
                .file("/t/sub/deeper/g", 0644, "qq", 1, 12, 34);
    }

    private static String withoutHeader(String spec) {
        return spec.substring(spec.indexOf("\n\n") + 1);
    }

    @Test
    void writesWhatMtreeNetbsdWrites() throws IOException {
        String ours = MtreeWriter.write(createdTree(), "/t".getBytes(StandardCharsets.ISO_8859_1), Keyword.ALL,
                "(null)", "vm", "today");
        assertEquals(withoutHeader(resource("netbsd-create.mtree")), withoutHeader(ours));
        assertTrue(ours.startsWith("#\t   user: (null)\n#\tmachine: vm\n#\t   tree: /t\n#\t   date: today\n"));
    }

    @Test
    void keywordsLeaveOutWhatWasNotAskedFor() {
        String ours = MtreeWriter.write(createdTree(), "/t".getBytes(StandardCharsets.ISO_8859_1),
                Keyword.parse("size"), "u", "m", "d");
        assertTrue(ours.contains("\n/set type=file\n.               type=dir\n    a\\sb        size=1\n"), ours);
        assertTrue(ours.contains("    lnk         type=link\n"), ours);
    }

    @Test
    void visEncodesAsNetbsdAndDecodesBack() {
        String[][] cases = {{"a b", "a\\sb"}, {"tab\tx", "tab\\tx"}, {"nl\nq", "nl\\nq"}, {"we#rd\\", "we\\#rd\\\\"},
            {"caf\u00c3\u00a9", "caf\\M-C\\M-)"}, {"bel\u0007", "bel\\a"}, {"del\u007f", "del\\^?"},
            {"x=y", "x=y"}, {"st*r", "st*r"}, {"quo\"te", "quo\"te"}, {"nbsp\u00a0", "nbsp\\240"},
            {"ctl\u0001", "ctl\\^A"}};
        for (String[] c : cases) {
            byte[] raw = c[0].getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(c[1], Vis.encode(raw), c[0]);
            assertArrayEquals(raw, Vis.decode(c[1]), c[1]);
        }
        assertArrayEquals("a b".getBytes(StandardCharsets.ISO_8859_1), Vis.decode("a\\040b"));
    }

    /** The tree of netbsd-verify.mtree after the changes listed in the README. */
    private static MemTree changedTree() {
        return new MemTree().dir("/t", 0755, 3)
                .dir("/t/d", 0755, 2)
                .file("/t/d/e", 0644, "zz")
                .file("/t/f", 0600, "abc", 2, 0, 0)
                .file("/t/f2", 0600, "abc", 2, 0, 0)
                .file("/t/h", 0644, "r", 1, 5, 6)
                .link("/t/l", "h")
                .file("/t/x", 0644, "new");
    }

    @Test
    void verifiesAsMtreeNetbsdAndReportsTheSameDifferences() throws IOException {
        MtreeSpec spec = MtreeSpec.parse("netbsd-verify.mtree",
                new BufferedReader(new StringReader(resource("netbsd-verify.mtree"))));
        List<String> ours = MtreeVerifier.verify(changedTree(), "/t".getBytes(StandardCharsets.ISO_8859_1), spec);
        List<String> theirs = resource("netbsd-verify.out").lines().toList();
        // mtree-netbsd walks in readdir order; this walks in name order: same lines, same groups
        assertEquals(theirs.stream().sorted().toList(), ours.stream().sorted().toList());
        assertEquals(List.of("d/e:    \ttype (dir, file)", "f:      permissions (0644, 0600)",
                "\tlink count (1, 2)", "extra: f2", "h:      user (0, 5)", "\tgid (0, 6)", "l:      link ref (h, f)", "extra: x",
                "missing: ./g"), ours);
        assertEquals(7, MtreeVerifier.differences(ours));
    }

    @Test
    void aTreeVerifiesAgainstItsOwnSpecification() throws IOException {
        MemTree t = createdTree();
        String spec = MtreeWriter.write(t, "/t".getBytes(StandardCharsets.ISO_8859_1), Keyword.ALL, "u", "m", "d");
        assertEquals(List.of(), MtreeVerifier.verify(t, "/t".getBytes(StandardCharsets.ISO_8859_1),
                MtreeSpec.parse("spec", new BufferedReader(new StringReader(spec)))));
    }

    @Test
    void readsSetUnsetFullPathsGlobsAndContinuedLines() throws IOException {
        String spec = """
                # a comment
                /set type=file mode=0644
                .       type=dir mode=0755
                    a   size=3 \\
                        mode=0600   # trailing comment
                /unset mode
                    l*  type=link
                sub     type=dir
                    b   size=1
                ..
                ./sub/c size=2 optional
                """;
        MtreeSpec s = MtreeSpec.parse("s", new BufferedReader(new StringReader(spec)));
        MtreeSpec.Entry root = s.root();
        assertEquals(3, root.children().size());
        MtreeSpec.Entry a = root.children().get(0);
        assertEquals("0600", a.keywords().get("mode"));
        assertEquals("3", a.keywords().get("size"));
        MtreeSpec.Entry l = root.children().get(1);
        assertEquals(null, l.keywords().get("mode"));
        assertTrue(l.matches("lnk".getBytes(StandardCharsets.ISO_8859_1)));
        MtreeSpec.Entry sub = root.children().get(2);
        assertEquals(2, sub.children().size());
        assertEquals(null, sub.children().get(1).keywords().get("mode"));
        assertEquals("file", sub.children().get(1).keywords().get("type"));
        MemTree t = new MemTree().dir("/t", 0755, 3).file("/t/a", 0600, "abc").link("/t/lnk", "a")
                .dir("/t/sub", 0755, 2).file("/t/sub/b", 0644, "1");
        assertEquals(List.of(), MtreeVerifier.verify(t, "/t".getBytes(StandardCharsets.ISO_8859_1), s));
    }

    @Test
    void badSpecificationsNameTheLineAndWhatWasExpected() {
        assertEquals("s:2: expected a number after size=, not x", parseError("/set type=file\n. type=dir size=x\n"));
        assertEquals("s:1: expected the tree's root '. type=dir' as the first entry, not a",
                parseError("a type=file\n"));
        assertEquals("s:3: expected an entry, not .. above the tree's root", parseError(". type=dir\n\n..\n"));
        assertEquals("s:2: expected an mtree keyword, not 'colour'", parseError(". type=dir\n a type=file colour=red\n"));
        assertEquals("s:2: expected a type= keyword (or a /set type=) for a", parseError(". type=dir\n a size=1\n"));
    }

    private static String parseError(String spec) {
        return assertThrows(IllegalArgumentException.class,
                () -> MtreeSpec.parse("s", new BufferedReader(new StringReader(spec)))).getMessage();
    }
}
