package org.odonata.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/** A scheduled event that has not necessarily run yet. */
@ProviderType
public interface EventHandle {

    /** The virtual time the event is due. */
    long time();

    /** Whether the event is still due (neither run nor cancelled). */
    boolean pending();

    /** Cancels the event; returns false when it already ran or was cancelled. */
    boolean cancel();
}
