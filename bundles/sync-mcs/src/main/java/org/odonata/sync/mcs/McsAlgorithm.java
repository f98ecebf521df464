package org.odonata.sync.mcs;

import java.util.Objects;

import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenLock;

/** MCS tokens for one machine: tails on node 0, each CPU's queue nodes on its own NUMA node. */
final class McsAlgorithm implements TokenAlgorithm {

    private SyncHost host;

    @Override
    public void init(SyncHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public TokenLock newToken(String name) {
        if (host == null) {
            throw new IllegalStateException("mcs: newToken(" + name + ") before init(host)");
        }
        return new McsToken(name, host.machine());
    }
}
