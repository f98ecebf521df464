/**
 * Runs split over hosts: which trials a shard {@code I/N} runs (balanced by expected cost), the shard folders they
 * write, and the merge that makes of them the run a single host makes, digest and all.
 */
package org.odonata.experiments.shard;
