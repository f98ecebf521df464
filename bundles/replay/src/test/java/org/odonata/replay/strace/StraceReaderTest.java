package org.odonata.replay.strace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** strace's text output as strace 6.1 writes it (lines copied from real traces), joined and decoded. */
class StraceReaderTest {

    private static Trace parse(String text) throws IOException {
        return StraceReader.parse("t.strace", new BufferedReader(new StringReader(text)));
    }

    private static String error(String text) {
        return assertThrows(TraceFormatException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsCallsWithPidsTimestampsDurationsAndDescriptorPaths() throws IOException {
        Trace t = parse("""
                17330 23:56:58.173038 openat(AT_FDCWD</tmp/st1/d>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache> <0.000017>
                17330 23:56:58.173171 newfstatat(3</etc/ld.so.cache>, "", {st_mode=S_IFREG|0644, st_size=39495, ...}, AT_EMPTY_PATH) = 0 <0.000011>
                17331 23:56:58.179358 openat(AT_FDCWD</tmp/st1/d>, "/usr/lib/locale/locale-archive", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory) <0.000013>
                17330 23:56:58.182835 exit_group(0)     = ?
                17330 23:56:58.183025 +++ exited with 0 +++
                """);
        assertTrue(t.timestamps());
        assertTrue(t.durations());
        List<Syscall> calls = t.calls();
        assertEquals(4, calls.size());
        Syscall open = calls.get(0);
        assertEquals(17330, open.pid());
        assertEquals("openat", open.name());
        assertEquals(List.of("AT_FDCWD</tmp/st1/d>", "\"/etc/ld.so.cache\"", "O_RDONLY|O_CLOEXEC"), open.args());
        assertEquals(3, open.ret().value());
        assertArrayEquals("/etc/ld.so.cache".getBytes(StandardCharsets.ISO_8859_1), open.ret().fdPath());
        assertEquals(((23 * 60 + 56) * 60 + 58) * 1_000_000_000L + 173_038_000L, open.startNanos());
        assertEquals(17_000, open.durationNanos());
        Map<String, String> st = StraceText.struct(calls.get(1).arg(2));
        assertEquals("S_IFREG|0644", st.get("st_mode"));
        assertEquals("39495", st.get("st_size"));
        Ret enoent = calls.get(2).ret();
        assertEquals("ENOENT", enoent.errno());
        assertEquals(-1, enoent.value());
        assertEquals("No such file or directory", enoent.note());
        assertFalse(calls.get(3).ret().known());
        ProcessExit exit = (ProcessExit) t.events().get(4);
        assertEquals(0, exit.status());
        assertEquals(5, exit.line());
    }

    @Test
    void joinsUnfinishedAndResumedCallsInCompletionOrder() throws IOException {
        Trace t = parse("""
                17330 vfork( <unfinished ...>
                17331 execve("/usr/bin/mkdir", ["mkdir", "b"], 0x55b5175a1ef8 /* 35 vars */ <unfinished ...>
                17330 <... vfork resumed>) = 17331
                17330 wait4(-1,  <unfinished ...>
                17331 <... execve resumed>) = 0
                17331 mkdir("b", 0777)  = 0
                17331 exit_group(0)     = ?
                17331 +++ exited with 0 +++
                17330 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 17331
                17330 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=17331, si_uid=0, si_status=0} ---
                """);
        List<TraceEvent> ev = t.events();
        Syscall vfork = (Syscall) ev.get(0);
        assertEquals("vfork", vfork.name());
        assertEquals(1, vfork.line());
        assertEquals(3, vfork.endLine());
        assertEquals(List.of(), vfork.args());
        assertEquals(17331, vfork.ret().value());
        Syscall execve = (Syscall) ev.get(1);
        assertEquals(List.of("\"/usr/bin/mkdir\"", "[\"mkdir\", \"b\"]", "0x55b5175a1ef8 /* 35 vars */"),
                execve.args());
        assertEquals(5, execve.endLine());
        Syscall wait = (Syscall) ev.get(5);
        assertEquals("wait4", wait.name());
        assertEquals(List.of("-1", "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", "0", "NULL"), wait.args());
        assertEquals(4, wait.line());
        assertEquals(9, wait.endLine());
        assertTrue(ev.get(4) instanceof ProcessExit);
        assertTrue(ev.get(6) instanceof Signal);
        assertFalse(t.timestamps());
    }

    @Test
    void keepsCallsThatNeverReturnedWithoutAResult() throws IOException {
        Trace t = parse("""
                [pid  12] read(0,  <unfinished ...>
                [pid  12] +++ killed by SIGKILL +++
                [pid  13] read(5, "ab", 2) = 2
                [pid  13] write(1, "x", 1 <unfinished ...>
                """);
        List<Syscall> calls = t.calls();
        assertEquals(3, calls.size());
        assertEquals("read", calls.get(0).name());
        assertNull(calls.get(0).ret());
        assertEquals(List.of("0"), calls.get(0).args());
        assertEquals("SIGKILL", ((ProcessExit) t.events().get(1)).signal());
        assertEquals(13, calls.get(1).pid());
        assertFalse(calls.get(2).finished());
    }

    @Test
    void decodesStringsWithEscapesAndTruncation() {
        CString s = StraceText.string("\"\\177ELF\\2\\1\\0\\0\\x41\\t\\n\\\\\\\"\"...");
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 0, 0, 0x41, '\t', '\n', '\\', '"'}, s.bytes());
        assertTrue(s.truncated());
        assertFalse(StraceText.string("\"a, b) = 3\"").truncated());
        assertEquals(List.of("3</tmp/a, b>", "\"x, y\"", "{a=1, b=[2, 3]}", "f(1, 2)"),
                StraceText.split("3</tmp/a, b>, \"x, y\", {a=1, b=[2, 3]}, f(1, 2)"));
        assertArrayEquals("/dev/null".getBytes(StandardCharsets.ISO_8859_1),
                StraceText.annotation("1</dev/null<char 1:3>>"));
        assertArrayEquals("/tmp/a>b".getBytes(StandardCharsets.ISO_8859_1), StraceText.annotation("3</tmp/a\\76b>"));
        assertEquals(022, StraceText.number("022"));
        assertEquals(0x7f00, StraceText.number("0x7f00"));
        assertEquals(-100, StraceText.number("-100"));
        assertEquals(3, StraceText.number("3</x>"));
        assertEquals(0100644, StraceText.flags("S_IFREG|0644", n -> n.equals("S_IFREG") ? 0100000 : -1));
        assertEquals(List.of("\"a\"", "\"b\""), StraceText.array("[\"a\", \"b\", ...]"));
    }

    @Test
    void readsEpochTimestampsAndTimeOfDayPastMidnight() throws IOException {
        Trace epoch = parse("1733356618.123456 getpid() = 7\n1733356618.223456 getpid() = 7\n");
        assertEquals(1733356618_123456000L, epoch.calls().get(0).startNanos());
        assertEquals(0, epoch.calls().get(0).pid());
        Trace wrap = parse("1 23:59:59.900000 getpid() = 1\n1 00:00:00.100000 getpid() = 1\n");
        assertEquals(200_000_000L, wrap.calls().get(1).startNanos() - wrap.calls().get(0).startNanos());
        Trace seconds = parse("1 10:00:01 getpid() = 1\n");
        assertEquals(36_001_000_000_000L, seconds.calls().get(0).startNanos());
    }

    @Test
    void parsesTheResultForms() {
        assertEquals(022, Ret.parse("022").value());
        Ret flags = Ret.parse("0x8002 (flags O_RDWR|O_LARGEFILE)");
        assertEquals(0x8002, flags.value());
        assertEquals("flags O_RDWR|O_LARGEFILE", flags.note());
        Ret restart = Ret.parse("? ERESTARTSYS (To be restarted if SA_RESTART is set)");
        assertFalse(restart.known());
        assertEquals("ERESTARTSYS", restart.errno());
        assertTrue(Ret.parse("-1 EOPNOTSUPP (Operation not supported)").failed());
    }

    @Test
    void aMalformedLineNamesTheFileTheLineAndWhatWasExpected() {
        assertEquals("t.strace:2: expected ' = RESULT' after the arguments of close, not 'junk'",
                error("1 close(3) = 0\n1 close(4) junk\n"));
        assertEquals("t.strace:1: expected a system call NAME(…), a +++ exit line or a --- signal line, not "
                + "'hello world'", error("1 hello world\n"));
        assertEquals("t.strace:1: expected an earlier 'read(… <unfinished ...>' of pid 5 for this '<... read resumed>'",
                error("5 <... read resumed>\"x\", 1) = 1\n"));
        assertEquals("t.strace:1: expected a closing \" for the string at column 1", error("1 open(\"abc) = 3\n"));
        assertEquals("t.strace:2: expected a timestamp, as on the lines before",
                error("1 10:00:00.000001 getpid() = 1\n1 getpid() = 1\n"));
        assertEquals("t.strace:1: expected a number or ? after =, not 'x' (close)", error("1 close(3) = x\n"));
        assertEquals("t.strace:1: expected 'exited with N', 'killed by SIGNAL' or 'superseded by execve' between "
                + "the +++", error("1 +++ went away +++\n"));
    }
}
