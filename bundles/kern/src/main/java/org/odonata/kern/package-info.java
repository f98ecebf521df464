/**
 * The kernel core: LWKT threads and their per-CPU scheduler, IPI message queues, systimers, tsleep/wakeup,
 * tokens, the designated-thread mechanics around the user scheduler SPI, processes, pipes and system calls.
 * Private to the bundle: other bundles reach it through {@link org.odonata.api.kern.KernelFactory}.
 */
package org.odonata.kern;
