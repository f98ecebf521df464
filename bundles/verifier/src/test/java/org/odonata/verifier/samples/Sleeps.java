package org.odonata.verifier.samples;

public class Sleeps {
    public void nap() throws InterruptedException {
        Thread.sleep(1);
    }
}
