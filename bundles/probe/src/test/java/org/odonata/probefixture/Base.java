package org.odonata.probefixture;

/** A class that declares a method its subclass inherits, as DsqScheduler declares fifo's pickNext. */
public class Base {

    public int inherited() {
        return 4;
    }
}
