package org.odonata.verifier.samples;

import java.util.function.LongSupplier;

public class MethodReference {
    public LongSupplier clock() {
        return System::nanoTime;
    }
}
