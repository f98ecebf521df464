package org.odonata.vm.page;

import java.util.Arrays;

import org.odonata.api.memory.HostBackedMemory;
import org.odonata.api.memory.PhysicalMemory;

/**
 * Where pages' bytes live: in {@link VmPage#data} on a machine's own memory; in the host's pages when the memory is a
 * mapping of a host process ({@link HostBackedMemory}, a vkernel guest's), so the host's pageout and swap carry them
 * and a guest touching a page the host paged out waits for the host's fault. Bytes are modelled only where programs
 * can see them: a page never stored into (and not read from a file or swap) reads as zeros.
 */
public final class PageBytes {

    private static final int PAGE = PhysicalMemory.PAGE_SIZE;

    /** The host mapping, or null: the bytes are the pages' own. */
    private final HostBackedMemory host;

    /** @param host the host mapping the machine's memory is, or null for a machine's own memory */
    public PageBytes(HostBackedMemory host) {
        this.host = host;
    }

    /** Whether the page may hold bytes other than zeros. */
    public boolean modelled(VmPage p) {
        return host == null ? p.data != null : host.modelled(p.frame);
    }

    /** A copy of the page's bytes, or null for a page of zeros. */
    public byte[] get(int cpu, VmPage p) {
        if (!modelled(p)) {
            return null;
        }
        if (host == null) {
            return p.data.clone();
        }
        byte[] b = new byte[PAGE];
        host.copy(cpu, p.frame, 0, b, 0, PAGE, false);
        return b;
    }

    /** Gives a page of a new identity its bytes ({@code data}, 4096 of them, or null for zeros). */
    public void set(int cpu, VmPage p, byte[] data) {
        if (host == null) {
            p.data = data;
        } else if (data == null) {
            host.zero(p.frame);
        } else {
            host.copy(cpu, p.frame, 0, data, 0, PAGE, true);
        }
    }

    /** Copies {@code n} bytes of the page from {@code in} into {@code dst[off..]} (zeros for a page of zeros). */
    public void read(int cpu, VmPage p, int in, byte[] dst, int off, int n) {
        if (!modelled(p)) {
            Arrays.fill(dst, off, off + n, (byte) 0);
        } else if (host == null) {
            System.arraycopy(p.data, in, dst, off, n);
        } else {
            host.copy(cpu, p.frame, in, dst, off, n, false);
        }
    }

    /** Stores {@code n} bytes from {@code src[off..]} into the page at {@code in}. */
    public void write(int cpu, VmPage p, int in, byte[] src, int off, int n) {
        if (host != null) {
            host.copy(cpu, p.frame, in, src, off, n, true);
            return;
        }
        if (p.data == null) {
            p.data = new byte[PAGE];
        }
        System.arraycopy(src, off, p.data, in, n);
    }
}
