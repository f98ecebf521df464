package org.odonata.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odonata.replay.ReplayTest.boot;
import static org.odonata.replay.ReplayTest.replay;
import static org.odonata.replay.ReplayTest.text;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A FIFO the trace made, opened without O_NONBLOCK by a writer and a reader (as {@code mkfifo p; cat p > out &
 * echo hi > p} does): each open waits for the other side as {@code fifo_open} does, whichever of the two strace
 * lists first, so the replay hands the global order on as such an open starts.
 */
class FifoReplayTest {

    @ParameterizedTest(name = "the {0} listed first")
    @ValueSource(strings = {"writer", "reader"})
    void blockingOpensOfBothSidesMeetWhicheverTheTraceListsFirst(String first) throws IOException {
        String writer = "1 <... openat resumed>) = 3\n";
        String reader = "2 <... openat resumed>) = 3\n";
        ReplayReport r = replay(boot(3), text("""
                1 mknodat(AT_FDCWD, "p", S_IFIFO|0666) = 0
                1 clone(child_stack=NULL, flags=SIGCHLD) = 2
                1 openat(AT_FDCWD, "p", O_WRONLY|O_CREAT|O_TRUNC, 0666 <unfinished ...>
                2 openat(AT_FDCWD, "p", O_RDONLY <unfinished ...>
                """ + (first.equals("writer") ? writer + reader : reader + writer) + """
                2 read(3,  <unfinished ...>
                1 write(3, "hi\\n", 3) = 3
                1 close(3) = 0
                2 <... read resumed>"hi\\n", 4096) = 3
                2 read(3, "", 4096) = 0
                2 close(3) = 0
                2 exit_group(0) = ?
                2 +++ exited with 0 +++
                1 wait4(-1, NULL, 0, NULL) = 2
                1 exit_group(0) = ?
                """), "/h/d");
        assertTrue(r.ok(), r.format(20));
        assertEquals(9, r.replayed(), r.format(20));
    }
}
