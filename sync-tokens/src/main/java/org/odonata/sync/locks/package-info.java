/** DragonFly spinlocks ({@code kern_spinlock.c}) and lockmgr locks ({@code kern_lock.c}) with their statistics. */
package org.odonata.sync.locks;
