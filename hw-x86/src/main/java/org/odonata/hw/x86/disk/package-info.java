/** Simulated block devices: storage backends, service models, the volatile write cache and request queueing. */
package org.odonata.hw.x86.disk;
