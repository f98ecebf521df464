package org.odonata.kern;

import org.odonata.api.sync.TokenMode;

/** One entry of a thread's token stack ({@code struct lwkt_tokref}). */
final class TokRef {

    final Token tok;
    final TokenMode mode;
    /** Held in the token's lock right now; false while the thread is switched out. */
    boolean held;
    long heldSince;

    TokRef(Token tok, TokenMode mode) {
        this.tok = tok;
        this.mode = mode;
    }
}
