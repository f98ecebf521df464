package org.odonata.api.memory;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Physical memory that is itself a mapping of a host process, as a vkernel guest's memory is (DragonFly's
 * {@code platform/vkernel64}: the memory image mapped into the vkernel process): each frame's bytes live in a host
 * page that the host's pageout daemon may deactivate and page out like any process's. A VM on such memory asks it
 * before every access to a frame; an access to a frame whose host page is not resident traps out of the guest for the
 * host's page fault ({@code vm_fault} in the host) and resumes when the page is back.
 */
@ProviderType
public interface HostBackedMemory extends PhysicalMemory {

    /**
     * The host MMU's part of an access from guest CPU {@code cpu} to {@code frame}: sets the host page's referenced
     * (and with {@code write} modified) bits when it is resident. Never blocks and charges nothing.
     *
     * @return true when the host page is resident; false when the access must trap out for a host page fault (the
     *         kernel then calls {@link #hostFault})
     */
    boolean access(int cpu, long frame, boolean write);

    /**
     * Traps the calling guest thread's CPU out to the host, which faults the page backing {@code frame} in (from host
     * swap, or zero-filled at its first use), and returns when the guest CPU runs again.
     */
    void hostFault(int cpu, long frame, boolean write);

    /**
     * Copies bytes of {@code frame} from {@code inPage} between {@code buf[off..off+len)} and the host page
     * ({@code store}: into the page), first faulting the host page in as {@link #hostFault} does. A frame whose
     * contents are zeros (never stored into since {@link #zero}) reads as zeros without touching the host.
     */
    void copy(int cpu, long frame, int inPage, byte[] buf, int off, int len, boolean store);

    /** The frame's contents are zeros from now on (a new identity): no host access until the next store. */
    void zero(long frame);

    /** Whether the frame may hold bytes other than zeros (it was stored into since {@link #zero}). */
    boolean modelled(long frame);
}
