/** HAMMER's structural locks (hammer_lock: shared, exclusive, upgrade that fails with EDEADLK) and the thread */
/** services they sleep with: the simulated kernel's curthread, tsleep and wakeup, or a single caller's. */
package org.odonata.fs.hammer.lock;
