/** The pmap ({@code pc64/x86_64/pmap.c}): four-level page tables, per-CPU TLBs, and TLB shootdowns. */
package org.odonata.vm.pmap;
