package org.odonata.vfs.vnode;

import java.util.ArrayList;
import java.util.List;

import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;
import org.odonata.api.vfs.VfsHost;

/**
 * The POSIX record locks on one file ({@code sys/kern/kern_lockf.c}: {@code lf_advlock}, {@code lf_setlock},
 * {@code lf_getlock}, {@code lf_clearlock}): byte ranges held shared ({@code F_RDLCK}) or exclusive
 * ({@code F_WRLCK}) by owners — processes, as {@code fcntl(2)} locks are. Taking a range replaces what the owner
 * held there (an upgrade, a downgrade or a split) and merges it with the owner's adjacent ranges of the same type; a
 * conflicting request fails with EAGAIN or sleeps until the range is free. Simplification: no deadlock detection
 * (DragonFly and Linux answer EDEADLK to a wait that would close a cycle between processes).
 */
public final class Lockf {

    /** One held range, {@code end} inclusive ({@link Long#MAX_VALUE}: to the end of the file). */
    public record Range(Object owner, int pid, int type, long start, long end) {

        boolean overlaps(long s, long e) {
            return start <= e && s <= end;
        }
    }

    private final VfsHost host;
    private final long ident;
    private final List<Range> ranges = new ArrayList<>();

    public Lockf(VfsHost host) {
        this.host = host;
        this.ident = host.kthreads().newIdent();
    }

    /** {@code lf_getblock}: a range another owner holds that conflicts with {@code type} on [start, end], or null. */
    public Range conflict(Object owner, int type, long start, long end) {
        for (Range r : ranges) {
            if (r.owner != owner && r.overlaps(start, end) && (type == Fcntl.F_WRLCK || r.type == Fcntl.F_WRLCK)) {
                return r;
            }
        }
        return null;
    }

    /**
     * {@code lf_setlock} / {@code lf_clearlock}: takes [start, end] as {@code type} for {@code owner}, or releases it
     * ({@code F_UNLCK}); 0, or EAGAIN on a conflict when not waiting.
     */
    public int set(Object owner, int pid, int type, long start, long end, boolean wait) {
        if (type != Fcntl.F_UNLCK) {
            while (conflict(owner, type, start, end) != null) {
                if (!wait) {
                    return Errno.EAGAIN.negated();
                }
                host.kthreads().tsleep(ident, "lockf", 0);
            }
        }
        clear(owner, start, end);
        if (type != Fcntl.F_UNLCK) {
            long s = start;
            long e = end;
            for (Range r : List.copyOf(ranges)) {
                boolean adjacent = r.end != Long.MAX_VALUE && r.end + 1 == s || e != Long.MAX_VALUE && e + 1 == r.start;
                if (r.owner == owner && r.type == type && adjacent) {
                    ranges.remove(r);
                    s = Math.min(s, r.start);
                    e = Math.max(e, r.end);
                }
            }
            ranges.add(new Range(owner, pid, type, s, e));
        }
        host.kthreads().wakeup(ident);
        return 0;
    }

    /** {@code fcntl} locks go when their process closes any descriptor of the file ({@code closef}). */
    public void release(Object owner) {
        if (ranges.removeIf(r -> r.owner == owner)) {
            host.kthreads().wakeup(ident);
        }
    }

    /** Removes what {@code owner} holds in [start, end], keeping the parts of its ranges outside. */
    private void clear(Object owner, long start, long end) {
        for (Range r : List.copyOf(ranges)) {
            if (r.owner != owner || !r.overlaps(start, end)) {
                continue;
            }
            ranges.remove(r);
            if (r.start < start) {
                ranges.add(new Range(owner, r.pid, r.type, r.start, start - 1));
            }
            if (r.end > end) {
                ranges.add(new Range(owner, r.pid, r.type, end + 1, r.end));
            }
        }
    }
}
