package org.odonata.sync.mcs;

import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.osgi.service.component.annotations.Component;

/** The {@code mcs} token implementation: a queue lock, each waiter spinning on its own line. */
@ProvidesTokens(McsTokenFactory.NAME)
@Component(service = TokenAlgorithmFactory.class, property = "name=" + McsTokenFactory.NAME)
public final class McsTokenFactory implements TokenAlgorithmFactory {

    static final String NAME = "mcs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MCS queue lock: each waiter spins on its own line, readers hand on, abandoned nodes skipped";
    }

    @Override
    public TokenAlgorithm create() {
        return new PerTokenAlgorithm(NAME, (name, host) -> new McsToken(name, host.machine()));
    }
}
