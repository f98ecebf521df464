/**
 * Metric units for reports: the declarations of every metric a run produced (with a fallback for undeclared
 * names) and SI-scaled formatting of values, intervals, differences and p-values.
 */
package org.odonata.experiments.units;
