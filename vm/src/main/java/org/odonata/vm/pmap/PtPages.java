package org.odonata.vm.pmap;

import org.odonata.vm.page.VmPage;

/** Where a pmap gets its page-table pages: wired physical pages from the VM's queues. */
public interface PtPages {

    /** A wired page for a page table, or null when memory is exhausted. */
    VmPage allocPt(int cpu);

    void freePt(int cpu, VmPage page);
}
