package org.odonata.probefixture;

/** A class the probe tests never load: they define it from its bytes, as a bundle installed later defines it. */
public final class Late {

    public int tick() {
        return 2;
    }

    public int tock() {
        return 3;
    }
}
