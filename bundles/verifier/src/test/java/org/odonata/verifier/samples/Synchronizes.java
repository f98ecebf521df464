package org.odonata.verifier.samples;

public class Synchronizes {
    private final Object lock = new Object();
    private int n;

    public void inc() {
        synchronized (lock) {
            n++;
        }
    }

    public synchronized void dec() {
        n--;
    }
}
