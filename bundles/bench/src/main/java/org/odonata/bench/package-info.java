/** JMH benchmarks of the engine: event-queue throughput (hold model) and simulated-thread */
/** suspend/resume round trips on both engine kinds. Run with java -jar target/benchmarks.jar. */
package org.odonata.bench;
