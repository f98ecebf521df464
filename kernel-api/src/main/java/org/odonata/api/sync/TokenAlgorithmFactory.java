package org.odonata.api.sync;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as a service (with service property {@code name}) by a token bundle; gives each machine its own
 * {@link TokenAlgorithm}.
 */
@ConsumerType
public interface TokenAlgorithmFactory {

    /** The name commands and specs use: {@code lwkt}, {@code ticket}, {@code mcs}, … */
    String name();

    /** One line for {@code sync:list}. */
    String description();

    TokenAlgorithm create();

    /**
     * Whether shared holders of a token coexist, as {@link TokenLock} describes; false for an implementation that
     * serializes every hold, as a giant lock does (still correct: exclusion is only stronger). The conformance kit
     * checks the claim.
     */
    default boolean sharedHoldersCoexist() {
        return true;
    }
}
