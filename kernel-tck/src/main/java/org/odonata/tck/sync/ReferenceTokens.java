package org.odonata.tck.sync;

import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.odonata.api.sync.kit.WordToken;

/**
 * Test-and-set tokens, the token kit's {@link WordToken} as it is: what the kits boot a kernel with and swap an
 * implementation with.
 */
public final class ReferenceTokens implements TokenAlgorithmFactory {

    public static final String NAME = "tck-tas";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-and-set tokens on the token kit: the conformance kits' reference";
    }

    @Override
    public TokenAlgorithm create() {
        return new PerTokenAlgorithm(NAME, (name, host) -> new WordToken(name, host.machine(), "tas:" + name));
    }
}
