package org.odonata.verifier.samples;

public class StartsThreads {
    public void go(Runnable r) {
        new Thread(r).start();
    }
}
