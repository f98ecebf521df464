package org.odonata.sync.ticket;

import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.osgi.service.component.annotations.Component;

/** The {@code ticket} token implementation: FIFO tickets, every waiter spinning on one shared line. */
@ProvidesTokens(TicketTokenFactory.NAME)
@Component(service = TokenAlgorithmFactory.class, property = "name=" + TicketTokenFactory.NAME)
public final class TicketTokenFactory implements TokenAlgorithmFactory {

    static final String NAME = "ticket";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "FIFO ticket lock: waiters spin on one shared line, readers pass the ticket on, skipped tickets";
    }

    @Override
    public TokenAlgorithm create() {
        return new PerTokenAlgorithm(NAME, (name, host) -> new TicketToken(name, host.machine()));
    }
}
