package org.odonata.api.sync.kit;

import java.util.Objects;
import java.util.function.BiFunction;

import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenLock;

/** A {@link TokenAlgorithm} whose tokens are independent locks, each made by one constructor call. */
public final class PerTokenAlgorithm implements TokenAlgorithm {

    private final String implementation;
    private final BiFunction<String, SyncHost, TokenLock> newLock;
    private SyncHost host;

    /**
     * @param implementation the implementation's name, for messages
     * @param newLock        makes the lock of a token from its name and the machine's host
     */
    public PerTokenAlgorithm(String implementation, BiFunction<String, SyncHost, TokenLock> newLock) {
        this.implementation = implementation;
        this.newLock = newLock;
    }

    @Override
    public void init(SyncHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public TokenLock newToken(String name) {
        if (host == null) {
            throw new IllegalStateException(implementation + ": newToken(" + name + ") before init(host)");
        }
        return newLock.apply(name, host);
    }
}
