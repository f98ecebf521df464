/**
 * Physical pages ({@code vm_page}) and their free and cache queues, coloured per NUMA node, with DragonFly's
 * paging thresholds.
 */
package org.odonata.vm.page;
