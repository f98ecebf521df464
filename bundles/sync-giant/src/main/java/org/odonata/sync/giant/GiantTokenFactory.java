package org.odonata.sync.giant;

import java.util.Objects;

import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.kit.WordToken;
import org.osgi.service.component.annotations.Component;

/** The {@code giant} token implementation: every token of a machine maps onto one global lock. */
@ProvidesTokens(GiantTokenFactory.NAME)
@Component(service = TokenAlgorithmFactory.class, property = "name=" + GiantTokenFactory.NAME)
public final class GiantTokenFactory implements TokenAlgorithmFactory {

    static final String NAME = "giant";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every token is one global recursive lock: the cost of a big kernel lock (shared holds serialize)";
    }

    @Override
    public TokenAlgorithm create() {
        return new TokenAlgorithm() {
            private WordToken giant;

            @Override
            public void init(SyncHost host) {
                giant = new WordToken("giant", Objects.requireNonNull(host, "host").machine(), "giant");
            }

            @Override
            public TokenLock newToken(String name) {
                if (giant == null) {
                    throw new IllegalStateException(NAME + ": newToken(" + name + ") before init(host)");
                }
                return new GiantToken(name, giant);
            }
        };
    }

    /** Shared holds are exclusive holds of the one lock: correct, but they never overlap. */
    @Override
    public boolean sharedHoldersCoexist() {
        return false;
    }
}
