package org.odonata.kern;

import org.odonata.api.sync.TokenMode;

/**
 * Who holds a token by the core's own books (the tokrefs it marked held), kept apart from the implementation's
 * lock so the core can catch a lock that lets a second holder in, or refuses a token nobody holds.
 */
final class TokenHolders {

    /** The exclusive holder's thread id, or -1. */
    long exclusiveOwner = -1;
    int exclusiveHolds;
    int sharedHolds;
    /** When the last hold was released (0 at creation): how long the token has been free. */
    long freeSince;

    boolean free() {
        return exclusiveHolds == 0 && sharedHolds == 0;
    }

    /**
     * Whether granting {@code td} a hold in {@code mode} would break the token's semantics: an exclusive hold
     * beside another thread's hold, or a shared hold beside another thread's exclusive one.
     */
    boolean conflicts(Td td, Token tok, TokenMode mode) {
        if (exclusiveHolds > 0 && exclusiveOwner != td.tid) {
            return true;
        }
        return mode == TokenMode.EXCLUSIVE && sharedHolds > sharedHoldsOf(td, tok);
    }

    void gained(Td td, TokenMode mode) {
        if (mode == TokenMode.EXCLUSIVE) {
            exclusiveOwner = td.tid;
            exclusiveHolds++;
        } else {
            sharedHolds++;
        }
    }

    void released(TokenMode mode, long now) {
        if (mode == TokenMode.EXCLUSIVE) {
            if (--exclusiveHolds == 0) {
                exclusiveOwner = -1;
            }
        } else {
            sharedHolds--;
        }
        if (free()) {
            freeSince = now;
        }
    }

    /** One line for a dump: {@code exclusive td12 ×2} or {@code shared ×3}, or {@code free}. */
    String describe() {
        if (exclusiveHolds > 0) {
            return "exclusive td" + exclusiveOwner + (exclusiveHolds > 1 ? " x" + exclusiveHolds : "")
                    + (sharedHolds > 0 ? " (+" + sharedHolds + " shared)" : "");
        }
        return sharedHolds > 0 ? "shared x" + sharedHolds : "free";
    }

    private static int sharedHoldsOf(Td td, Token tok) {
        int n = 0;
        for (int i = 0; i < td.toksStop; i++) {
            TokRef ref = td.toks[i];
            if (ref.held && ref.tok == tok && ref.mode == TokenMode.SHARED) {
                n++;
            }
        }
        return n;
    }
}
