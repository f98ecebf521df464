/** The swap pager ({@code swap_pager.c}, {@code vm_swap.c}): slots on a block device, page-ins and page-outs. */
package org.odonata.vm.swap;
