package org.odonata.sync.ttas;

import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.osgi.service.component.annotations.Component;

/** The {@code ttas} token implementation: test-and-test-and-set with exponential backoff. */
@ProvidesTokens(TtasTokenFactory.NAME)
@Component(service = TokenAlgorithmFactory.class, property = "name=" + TtasTokenFactory.NAME)
public final class TtasTokenFactory implements TokenAlgorithmFactory {

    static final String NAME = "ttas";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-and-test-and-set with randomized exponential backoff (64..8192 cycles): no order kept";
    }

    @Override
    public TokenAlgorithm create() {
        return new PerTokenAlgorithm(NAME, (name, host) -> new TtasToken(name, host.machine(), host.random()));
    }
}
