package org.odonata.sync.ticket;

import java.util.Objects;

import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenLock;

/** Ticket-lock tokens for one machine: each token's lines are homed on node 0. */
final class TicketAlgorithm implements TokenAlgorithm {

    private SyncHost host;

    @Override
    public void init(SyncHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public TokenLock newToken(String name) {
        if (host == null) {
            throw new IllegalStateException("ticket: newToken(" + name + ") before init(host)");
        }
        return new TicketToken(name, host.machine());
    }
}
