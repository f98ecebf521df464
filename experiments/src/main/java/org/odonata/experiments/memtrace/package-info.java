/**
 * Real programs' memory traces as workloads: valgrind lackey's output read into page-reference strings, and their
 * replay by one simulated process under an RSS limit (the {@code memtrace} workload, {@code vm:replay}).
 */
package org.odonata.experiments.memtrace;
