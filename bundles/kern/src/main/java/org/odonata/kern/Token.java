package org.odonata.kern;

import org.odonata.api.sync.TokenLock;

/**
 * A serializing token as the core sees it ({@code struct lwkt_token}): a name, its class, the implementation's
 * lock (replaced on a swap), and statistics that survive swaps.
 */
final class Token {

    final String name;
    /** Position in creation order: the order sorted reacquisition uses (DragonFly sorts by address). */
    final int order;
    final boolean global;
    TokenLock lock;
    /** Spin cycles of the locks this token had before the last swaps. */
    long spinBase;
    final LockStatsRecorder stats;
    /** Who holds it by the core's books. */
    final TokenHolders holders = new TokenHolders();

    Token(String name, int order, boolean global, TokenLock lock) {
        this.name = name;
        this.order = order;
        this.global = global;
        this.lock = lock;
        this.stats = new LockStatsRecorder(name);
    }
}
