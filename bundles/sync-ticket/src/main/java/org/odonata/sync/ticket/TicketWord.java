package org.odonata.sync.ticket;

/**
 * The layout of the ticket line's 64-bit word: {@code serving} in bits 0–19, {@code next} in bits 20–39, the
 * number of shared holders in bits 40–55 and a wake-up counter in bits 56–63. Tickets count modulo 2^20:
 * {@code next} is only ever changed by CAS and {@code serving} by an exact delta, so neither carries into the
 * field above; the wake-up counter may carry off the top of the word harmlessly.
 */
final class TicketWord {

    static final int BITS = 20;
    static final long MASK = (1L << BITS) - 1;
    /** Added (by CAS) to take a ticket. */
    static final long NEXT_ONE = 1L << BITS;
    /** Added by a reader as it enters, subtracted as it leaves. */
    static final long READER_ONE = 1L << 40;
    private static final long READERS_MASK = 0xFFFFL;
    /** Added by a waiter's deadline to wake the waiter (spinners wake only when the line changes). */
    static final long WAKE_ONE = 1L << 56;

    private TicketWord() {
    }

    static long serving(long word) {
        return word & MASK;
    }

    static long next(long word) {
        return word >>> BITS & MASK;
    }

    static long readers(long word) {
        return word >>> 40 & READERS_MASK;
    }

    /** Tickets taken and not yet passed on: 0 when nobody holds the token exclusively or waits for it. */
    static long outstanding(long word) {
        return next(word) - serving(word) & MASK;
    }

    /** The word with one more ticket taken, {@code next} wrapping inside its field. */
    static long withTicketTaken(long word) {
        return word & ~(MASK << BITS) | successor(next(word)) << BITS;
    }

    static long successor(long ticket) {
        return ticket + 1 & MASK;
    }

    /** What to add to the word to move {@code serving} from {@code ticket} to its successor. */
    static long advance(long ticket) {
        return successor(ticket) - ticket;
    }
}
