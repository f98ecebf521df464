/**
 * Statistics of a run: each variant's mean with its t interval, and each variant against the baseline with a
 * paired test over the trials' shared seeds (paired t, Wilcoxon signed-rank, sign-flip permutation) or Welch's.
 */
package org.odonata.experiments.stats;
