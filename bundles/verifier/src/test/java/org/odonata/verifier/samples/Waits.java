package org.odonata.verifier.samples;

public class Waits {
    public void await(Object o) throws InterruptedException {
        o.wait();
    }
}
