package org.odonata.sync.tokens;

/**
 * The layout of a token's {@code t_count} word ({@code sys/sys/thread.h}): bit 0 EXCLUSIVE, bit 1 EXCLREQ, and
 * the number of shared holds in units of {@link #INCR}. An exclusive owner's recursive holds are counted as
 * shared increments, so a count with EXCLUSIVE set may also carry increments.
 */
final class TokenCount {

    /** TOK_EXCLUSIVE: one thread holds the token exclusively. */
    static final long EXCLUSIVE = 0x1;
    /** TOK_EXCLREQ: an exclusive requester is spinning; blocking shared requests stay out. */
    static final long EXCLREQ = 0x2;
    /** TOK_INCR: one shared (or recursive) hold. */
    static final long INCR = 0x4;

    private TokenCount() {
    }

    /** No holder of any kind: an exclusive request may take it (a pending EXCLREQ does not stop it). */
    static boolean free(long count) {
        return (count & ~EXCLREQ) == 0;
    }

    static boolean exclusive(long count) {
        return (count & EXCLUSIVE) != 0;
    }

    static boolean exclusiveRequested(long count) {
        return (count & EXCLREQ) != 0;
    }

    /** Shared holds (including an exclusive owner's recursive ones). */
    static long shares(long count) {
        return count >>> 2;
    }
}
