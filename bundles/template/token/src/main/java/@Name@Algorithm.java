package @PACKAGE@;

import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenLock;

/** {@code @NAME@} tokens for one machine: each token a {@link @Name@Lock}, backing off with the host's seeded stream. */
final class @Name@Algorithm implements TokenAlgorithm {

    private SyncHost host;

    @Override
    public void init(SyncHost host) {
        this.host = host;
    }

    @Override
    public TokenLock newToken(String name) {
        return new @Name@Lock(name, host.machine(), host.random());
    }
}
