package org.odonata.api.sync;

import org.osgi.annotation.versioning.ProviderType;

/** tsleep/wakeup on an identity, as the kernel provides it to sleeping locks. */
@ProviderType
public interface Sleeper {

    /** Sleeps the calling thread until a wakeup on {@code ident}. */
    void tsleep(Object ident, String wmesg);

    /** Wakes every thread sleeping on {@code ident}. */
    void wakeup(Object ident);
}
