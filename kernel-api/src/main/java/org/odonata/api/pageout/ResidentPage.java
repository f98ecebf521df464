package org.odonata.api.pageout;

import org.osgi.annotation.versioning.ProviderType;

/** A resident physical page ({@code vm_page}) as a pageout policy sees it. */
@ProviderType
public interface ResidentPage {

    /** The physical frame number: unique on the machine while the page is resident. */
    long frame();

    /** Whether the page differs from its backing store and must be written to swap before it is freed. */
    boolean dirty();

    /** The policy's own per-page data (queue links, counters), like {@code SchedThread.schedData}. */
    Object policyData();

    void setPolicyData(Object data);
}
