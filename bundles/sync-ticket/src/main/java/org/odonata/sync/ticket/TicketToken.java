package org.odonata.sync.ticket;

import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.sync.TokenMode;
import org.odonata.api.sync.kit.TokenBase;
import org.odonata.api.sync.kit.TokenWaiter;

/**
 * A token as a FIFO ticket lock on one line. Guarantee: requests are served in the order they took their
 * tickets; exclusive holders exclude everyone, shared holders coexist, the exclusive owner's further requests
 * succeed at once, and a request that gives up leaves nothing that delays a later one. Cost: an uncontended
 * acquire is a load and a CAS of the ticket line, a release one fetch-add; every waiter spins on that one line,
 * so each hand-off invalidates every waiter and each of them pulls the line back.
 * <p>
 * Shared mode: the word also counts readers. A reader that finds nobody holding or queued adds itself by CAS;
 * otherwise it queues for a ticket like a writer, and once served counts itself and passes the ticket on at
 * once, so consecutive readers overlap; a served writer waits until the reader count drains. A reader that asks
 * again while a writer is queued waits for that writer, which waits for it: the request gives up at its budget
 * and the kernel's retry after the switch (which drops its holds) ends the cycle.
 * <p>
 * Giving up: a ticket cannot be handed back, so a waiter that gives up marks it in the skip map (a bitmap of
 * tickets on a power-of-two number of lines, at least {@code 2 × ncpus} bits) and whoever serves a skipped
 * ticket passes it straight on. If the ticket was served while it was being marked, the waiter and the server
 * race to clear the mark; the winner passes it on. A request that finds the skip map's window full gives up at
 * once. A waiter's deadline (and {@link #abandon()}) wakes it by a write of its own to the ticket line — the
 * coherence model ends a spin only on a change — so the other spinners pay one reload for it. The owner's
 * recursion and the release checks are {@link TokenBase}'s.
 */
final class TicketToken extends TokenBase<TokenWaiter> {

    private final CacheLine ticketLine;
    private final CacheLine[] skips;
    /** The exclusive owner's ticket, kept beside the ticket word like the owner (so not priced separately). */
    private long ownerTicket;

    TicketToken(String name, Machine machine) {
        super(name, machine);
        this.ticketLine = memory.allocate("ticket:" + name, 0, 0);
        // A power of two, so that the window divides the 2^24 tickets and wrapping never aliases two marks.
        int skipLines = Integer.highestOneBit(Math.max(1, (2 * machine.topology().cpuCount() + 63) / 64) * 2 - 1);
        this.skips = new CacheLine[skipLines];
        for (int i = 0; i < skipLines; i++) {
            skips[i] = memory.allocate("ticket:" + name + ":skips" + i, 0, 0);
        }
    }

    @Override
    protected void recheck(int cpu) {
        memory.load(cpu, ticketLine);
    }

    @Override
    protected boolean tryTake(int cpu, long owner, TokenMode mode) {
        long word = memory.load(cpu, ticketLine);
        if (TicketWord.outstanding(word) != 0) {
            return false;
        }
        if (mode == TokenMode.SHARED) {
            return memory.compareAndSet(cpu, ticketLine, word, word + TicketWord.READER_ONE);
        }
        if (TicketWord.readers(word) != 0
                || !memory.compareAndSet(cpu, ticketLine, word, TicketWord.withTicketTaken(word))) {
            return false;
        }
        own(owner, TicketWord.next(word));
        return true;
    }

    @Override
    protected boolean take(int cpu, long owner, TokenMode mode, long spinBudgetNanos) {
        long word = memory.load(cpu, ticketLine);
        while (TicketWord.outstanding(word) < window()) {
            boolean readerMayEnter = mode == TokenMode.SHARED && TicketWord.outstanding(word) == 0;
            long update = readerMayEnter ? word + TicketWord.READER_ONE : TicketWord.withTicketTaken(word);
            if (memory.compareAndSet(cpu, ticketLine, word, update)) {
                return readerMayEnter || served(cpu, owner, mode, TicketWord.next(word), update, spinBudgetNanos);
            }
            word = memory.load(cpu, ticketLine);
        }
        return false;
    }

    @Override
    protected void releaseExclusive(int cpu) {
        passOn(cpu, ownerTicket);
    }

    @Override
    protected boolean releaseShared(int cpu, long owner) {
        return TicketWord.readers(memory.fetchAdd(cpu, ticketLine, -TicketWord.READER_ONE)) != 0;
    }

    /** Wakes a waiter whose budget ran out: a write to the line it spins on. */
    @Override
    protected void wake(TokenWaiter w) {
        memory.fetchAdd(w.cpu, ticketLine, TicketWord.WAKE_ONE);
    }

    /**
     * Waits, within the budget, until {@code ticket} is served (and, for a writer, until the readers drain), then
     * takes the token in {@code mode}.
     */
    private boolean served(int cpu, long owner, TokenMode mode, long ticket, long word, long budgetNanos) {
        TokenWaiter w = new TokenWaiter(cpu);
        startWait(w, budgetNanos);
        try {
            while (TicketWord.serving(word) != ticket) {
                if (w.expired()) {
                    skip(cpu, ticket);
                    return false;
                }
                word = memory.spinUntilChanged(cpu, ticketLine, word);
            }
            if (mode == TokenMode.SHARED) {
                enterShared(cpu, ticket);
                return true;
            }
            while (TicketWord.readers(word) != 0) {
                if (w.expired()) {
                    passOn(cpu, ticket);
                    return false;
                }
                word = memory.spinUntilChanged(cpu, ticketLine, word);
            }
            own(owner, ticket);
            return true;
        } finally {
            endWait(w);
        }
    }

    private void own(long owner, long ticket) {
        own(owner);
        this.ownerTicket = ticket;
    }

    /**
     * A served reader counts itself and lets the next ticket in, in one fetch-add: readers overlap, a writer
     * served next waits for them to drain.
     */
    private void enterShared(int cpu, long ticket) {
        long before = memory.fetchAdd(cpu, ticketLine, TicketWord.READER_ONE + TicketWord.advance(ticket));
        passOnFrom(cpu, TicketWord.successor(ticket), before);
    }

    /**
     * Serves the ticket after {@code ticket}, and keeps going past tickets whose waiters gave up. The fetch-add
     * returns {@code next} as it was: if it equals the new {@code serving}, nobody was waiting.
     */
    private void passOn(int cpu, long ticket) {
        long before = memory.fetchAdd(cpu, ticketLine, TicketWord.advance(ticket));
        passOnFrom(cpu, TicketWord.successor(ticket), before);
    }

    /** {@code serving} has just become {@code t}; {@code before} is the word as the write found it. */
    private void passOnFrom(int cpu, long t, long before) {
        while (TicketWord.next(before) != t && clearSkip(cpu, t)) {
            before = memory.fetchAdd(cpu, ticketLine, TicketWord.advance(t));
            t = TicketWord.successor(t);
        }
    }

    /**
     * Gives up ticket {@code ticket}: marks it skipped, then checks whether it was served meanwhile; if so, the
     * waiter and the server race to clear the mark and whoever clears it passes the ticket on.
     */
    private void skip(int cpu, long ticket) {
        CacheLine line = skipLine(ticket);
        long bit = skipBit(ticket);
        long v = memory.load(cpu, line);
        while (!memory.compareAndSet(cpu, line, v, v | bit)) {
            v = memory.load(cpu, line);
        }
        if (TicketWord.serving(memory.load(cpu, ticketLine)) == ticket && clearSkip(cpu, ticket)) {
            passOn(cpu, ticket);
        }
    }

    /** Clears {@code ticket}'s skip mark; returns whether this call cleared it. */
    private boolean clearSkip(int cpu, long ticket) {
        CacheLine line = skipLine(ticket);
        long bit = skipBit(ticket);
        long v = memory.load(cpu, line);
        while ((v & bit) != 0) {
            if (memory.compareAndSet(cpu, line, v, v & ~bit)) {
                return true;
            }
            v = memory.load(cpu, line);
        }
        return false;
    }

    /** Tickets the skip map can tell apart: a request never takes a ticket beyond it. */
    private long window() {
        return 64L * skips.length;
    }

    private CacheLine skipLine(long ticket) {
        return skips[(int) (ticket % window() / 64)];
    }

    private static long skipBit(long ticket) {
        return 1L << (ticket % 64);
    }

    @Override
    public String toString() {
        long word = ticketLine.peek();
        return "ticket token " + name() + " serving " + TicketWord.serving(word) + " next " + TicketWord.next(word);
    }
}
