package org.odonata.verifier.samples;

public class UsesUnseededRandom {
    public int roll() {
        return new java.util.Random().nextInt(6);
    }

    public double coin() {
        return Math.random();
    }
}
