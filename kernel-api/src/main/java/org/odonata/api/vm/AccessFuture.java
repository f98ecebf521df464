package org.odonata.api.vm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A trace replay's knowledge of its own future, for Belady's optimal policy: references are numbered from 0 in
 * trace order, and the replay knows which one it is making.
 */
@ConsumerType
public interface AccessFuture {

    /**
     * The number of the next reference to virtual page {@code vpn} after the reference being made now, or
     * {@link Long#MAX_VALUE} when there is none.
     */
    long nextUse(long vpn);
}
