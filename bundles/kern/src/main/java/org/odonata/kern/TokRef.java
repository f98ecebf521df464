package org.odonata.kern;

import org.odonata.api.sync.TokenMode;

/**
 * One entry of a thread's token stack ({@code struct lwkt_tokref}). Like the {@code td_toks_array} slots it
 * stands for, an entry belongs to its stack position and is refilled by every push there, so taking a token
 * allocates nothing; only entries below {@code td_toks_stop} mean anything.
 */
final class TokRef {

    Token tok;
    TokenMode mode;
    /** Held in the token's lock right now; false while the thread is switched out. */
    boolean held;
    long heldSince;
    /** When the implementation last refused it (for the watchdog), or -1. */
    long refusedAt;

    /** Refills the entry for a new push. */
    void set(Token token, TokenMode tokenMode) {
        tok = token;
        mode = tokenMode;
        held = false;
        heldSince = 0;
        refusedAt = -1;
    }
}
