package org.odonata.sync.tokens;

import java.util.Objects;

import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenLock;

/** LWKT tokens for one machine: each token gets its own line, homed on node 0 like DragonFly's static tokens. */
final class LwktAlgorithm implements TokenAlgorithm {

    private SyncHost host;

    @Override
    public void init(SyncHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public TokenLock newToken(String name) {
        if (host == null) {
            throw new IllegalStateException("lwkt: newToken(" + name + ") before init(host)");
        }
        return new LwktToken(name, host.machine());
    }
}
