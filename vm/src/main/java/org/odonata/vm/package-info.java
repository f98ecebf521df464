/**
 * DragonFly's VM system ({@code sys/vm}) for one kernel: {@link org.odonata.vm.SimVm} ties the page queues, the
 * pmaps and TLBs, swap, the pools of resident pages with their pageout policies and the pageout daemon together.
 */
package org.odonata.vm;
