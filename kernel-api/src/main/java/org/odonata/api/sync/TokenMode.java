package org.odonata.api.sync;

/** How a tokref holds its token. */
public enum TokenMode {
    EXCLUSIVE,
    SHARED
}
