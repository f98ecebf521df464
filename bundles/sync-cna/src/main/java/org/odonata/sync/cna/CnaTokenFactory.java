package org.odonata.sync.cna;

import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.osgi.service.component.annotations.Component;

/** The {@code cna} token implementation: an MCS queue lock that hands over within a socket first. */
@ProvidesTokens(CnaTokenFactory.NAME)
@Component(service = TokenAlgorithmFactory.class, property = "name=" + CnaTokenFactory.NAME)
public final class CnaTokenFactory implements TokenAlgorithmFactory {

    static final String NAME = "cna";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CNA: an MCS queue lock whose releaser prefers a waiter on its own socket (Dice and Kogan 2019)";
    }

    @Override
    public TokenAlgorithm create() {
        return new PerTokenAlgorithm(NAME, (name, host) -> new CnaToken(name, host.machine(), host.random()));
    }
}
