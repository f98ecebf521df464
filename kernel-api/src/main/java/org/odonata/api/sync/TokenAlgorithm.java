package org.odonata.api.sync;

import org.osgi.annotation.versioning.ConsumerType;

/** A token implementation for one machine: creates the per-token locks. */
@ConsumerType
public interface TokenAlgorithm {

    /** Called once before any token is created. */
    void init(SyncHost host);

    /** A new, free token. */
    TokenLock newToken(String name);
}
