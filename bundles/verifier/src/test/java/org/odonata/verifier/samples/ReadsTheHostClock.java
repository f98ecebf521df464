package org.odonata.verifier.samples;

public class ReadsTheHostClock {
    public long now() {
        return System.nanoTime();
    }
}
