package org.odonata.probefixture;

/** A class the probe tests load before adding a probe, so that a target naming this package matches now. */
public final class Early {

    public int tick() {
        return 1;
    }
}
