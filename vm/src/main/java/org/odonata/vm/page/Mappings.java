package org.odonata.vm.page;

import java.util.Arrays;

/**
 * The leaf mappings of one page: (pmap, virtual page number) pairs. Most pages have one mapping, so the arrays
 * start at one entry and grow by doubling; removal swaps the last pair in.
 */
public final class Mappings {

    private Object[] pmaps = new Object[1];
    private long[] vpns = new long[1];
    private int size;

    public int size() {
        return size;
    }

    public Object pmap(int i) {
        return pmaps[i];
    }

    public long vpn(int i) {
        return vpns[i];
    }

    public void add(Object pmap, long vpn) {
        if (size == pmaps.length) {
            pmaps = Arrays.copyOf(pmaps, size * 2);
            vpns = Arrays.copyOf(vpns, size * 2);
        }
        pmaps[size] = pmap;
        vpns[size] = vpn;
        size++;
    }

    /** Removes the pair; returns whether it was there. */
    public boolean remove(Object pmap, long vpn) {
        for (int i = 0; i < size; i++) {
            if (pmaps[i] == pmap && vpns[i] == vpn) {
                size--;
                pmaps[i] = pmaps[size];
                vpns[i] = vpns[size];
                pmaps[size] = null;
                return true;
            }
        }
        return false;
    }
}
