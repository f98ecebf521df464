/** DragonFly's own page replacement: active and inactive queues with {@code act_count} ({@code vm_pageout.c}). */
package org.odonata.pageout.dfly;
