/**
 * The kernel core: LWKT threads and their per-CPU scheduler with preemption by interrupt threads, IPI message
 * queues, systimers, device interrupts and the block I/O path, tsleep/wakeup, tokens, kernel threads, the
 * designated-thread mechanics around the user scheduler SPI, processes, pipes and system calls.
 * Private to the bundle: other bundles reach it through {@link org.odonata.api.kern.KernelFactory}.
 */
package org.odonata.kern;
