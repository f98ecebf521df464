package org.odonata.probefixture;

/** Inherits {@link Base#inherited()} without overriding it. */
public final class Derived extends Base {
}
