package org.odonata.sync.tokens;

import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.osgi.service.component.annotations.Component;

/** The reference token implementation, {@code lwkt}: DragonFly's t_count CAS with exponential backoff. */
@ProvidesTokens(LwktTokenFactory.NAME)
@Component(service = TokenAlgorithmFactory.class, property = "name=" + LwktTokenFactory.NAME)
public final class LwktTokenFactory implements TokenAlgorithmFactory {

    static final String NAME = "lwkt";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DragonFly LWKT tokens: t_count CAS, EXCLREQ, x1.5 backoff to 4096 pauses, TSC window";
    }

    @Override
    public TokenAlgorithm create() {
        return new LwktAlgorithm();
    }
}
