/**
 * Address spaces: {@code vmspace}, {@code vm_map} and its entries with their {@code vm_map_backing} chains, the
 * memory system calls, and the fault path that fills them.
 */
package org.odonata.vm.map;
