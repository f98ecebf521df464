package org.odonata.api.pageout;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as a service (with service property {@code name}) by a pageout-policy bundle; gives each pool of
 * resident pages its own {@link PageoutPolicy}.
 */
@ConsumerType
public interface PageoutPolicyFactory {

    /** The name commands and specs use: {@code dfly}, {@code clock}, {@code fifo}, {@code lru}, {@code opt}, … */
    String name();

    /** One line for {@code vm:policy list}. */
    String description();

    /**
     * Whether the policy needs {@link PageoutHost#nextUse}: then the VM offers it only for pools whose process
     * declared its future (trace replays) and refuses it elsewhere.
     */
    default boolean needsFuture() {
        return false;
    }

    PageoutPolicy create();
}
