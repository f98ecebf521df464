/**
 * Calibration against the host: real programs (perf bench, hackbench) measure it, outside any simulation, and a
 * cost profile records what they measured and the cost-model fields inferred from it, for specs to load.
 */
package org.odonata.experiments.calibration;
