package org.odonata.experiments.calibration;

/**
 * One cost-model field of a profile and where its value came from: a measurement and the formula used, or
 * {@code preset} for a field the measurements cannot reach.
 */
public record InferredCost(long value, String from) {

    public static final String PRESET = "preset";

    public boolean measured() {
        return !from.startsWith(PRESET);
    }
}
