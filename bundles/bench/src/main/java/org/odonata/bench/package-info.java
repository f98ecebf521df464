/** JMH benchmarks of the engine: event-queue throughput in the hold model and simulated-thread suspend/resume
 * round trips on both engine kinds. Run them with java -jar bundles/bench/target/benchmarks.jar. */
package org.odonata.bench;
