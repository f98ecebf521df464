package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.odonata.api.vfs.Fcntl.AT_FDCWD;
import static org.odonata.api.vfs.Fcntl.O_CREAT;
import static org.odonata.api.vfs.Fcntl.O_RDONLY;
import static org.odonata.api.vfs.Fcntl.O_TRUNC;
import static org.odonata.api.vfs.Fcntl.O_WRONLY;
import static org.odonata.api.vfs.VfsSyscalls.path;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.vfs.Fcntl;

/**
 * Which lock {@code nlookup} takes on the leaf ({@code vfs_nlookup.c}, {@code wantsexcllock} and
 * {@code cache_lock_maybe_shared} in {@code vfs_cache.c}): shared for the callers that pass {@code NLC_SHAREDLOCK}
 * (stat, chdir, exec, an open without O_CREAT or O_TRUNC) when the entry is resolved; exclusive for every other
 * caller, and for an unresolved entry whoever asks.
 */
class NlookupLeafLockTest {

    @Test
    void readersLockAResolvedLeafSharedEverythingElseExclusive() {
        SimKernel k = Machines.boot("smp-4", 7);
        List<String> seen = new ArrayList<>();
        k.spawn("t", sys -> {
            sys.mkdir("/d", 0755);
            sys.close(sys.open("/d/f", O_CREAT | O_WRONLY, 0644));
            seen.add("stat " + delta(k, () -> sys.stat("/d/f")));
            seen.add("open " + delta(k, () -> sys.close(sys.open("/d/f", O_RDONLY, 0))));
            seen.add("chdir " + delta(k, () -> sys.chdir(path("/d"))));
            seen.add("creat " + delta(k, () -> sys.close(sys.open("/d/f", O_CREAT | O_WRONLY, 0644))));
            seen.add("trunc " + delta(k, () -> sys.close(sys.open("/d/f", O_WRONLY | O_TRUNC, 0))));
            seen.add("access " + delta(k, () -> sys.faccessat(AT_FDCWD, path("/d/f"), Fcntl.R_OK, 0)));
            seen.add("chmod " + delta(k, () -> sys.fchmodat(AT_FDCWD, path("/d/f"), 0600, 0)));
            // a name never looked up is unresolved: locked exclusively to resolve it, then shared once negative
            seen.add("stat-new " + delta(k, () -> sys.stat("/d/none")));
            seen.add("stat-again " + delta(k, () -> sys.stat("/d/none")));
            seen.add("unlink " + delta(k, () -> sys.unlink("/d/f")));
        });
        for (int i = 0; i < 10_000 && k.processes() > 0; i++) {
            k.runFor(Machines.ms(1));
        }
        assertEquals(List.of("stat shared", "open shared", "chdir shared", "creat exclusive", "trunc exclusive",
                "access exclusive", "chmod exclusive", "stat-new exclusive", "stat-again shared", "unlink exclusive"),
                seen);
    }

    /** Which leaf lock {@code call} took: exactly one lookup's, shared or exclusive. */
    private static String delta(SimKernel k, Runnable call) {
        long s = k.vfsStats().get("ncp_leaf_locks_shared");
        long x = k.vfsStats().get("ncp_leaf_locks_exclusive");
        call.run();
        long ds = k.vfsStats().get("ncp_leaf_locks_shared") - s;
        long dx = k.vfsStats().get("ncp_leaf_locks_exclusive") - x;
        return ds == 1 && dx == 0 ? "shared" : dx == 1 && ds == 0 ? "exclusive" : ds + " shared, " + dx + " exclusive";
    }
}
