package org.odonata.hw.x86.topology;

import java.util.BitSet;
import java.util.stream.IntStream;

/** Linux CPU lists ("0-3,8,10-11"): sysfs writes them, the printer uses them to keep long lists short. */
final class CpuLists {

    private CpuLists() {
    }

    /** @throws IllegalArgumentException with the offending text; callers add the file name */
    static BitSet parse(String text) {
        BitSet set = new BitSet();
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return set;
        }
        for (String part : trimmed.split(",")) {
            int dash = part.indexOf('-');
            try {
                if (dash < 0) {
                    set.set(Integer.parseInt(part.strip()));
                } else {
                    int from = Integer.parseInt(part.substring(0, dash).strip());
                    int to = Integer.parseInt(part.substring(dash + 1).strip());
                    if (from > to) {
                        throw new IllegalArgumentException("descending range '" + part + "' in CPU list '" + trimmed + "'");
                    }
                    set.set(from, to + 1);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed CPU list '" + trimmed + "'", e);
            }
        }
        return set;
    }

    /** Ascending numbers as ranges: 0,1,2,3,8 becomes "0-3,8". */
    static String format(IntStream ascending) {
        StringBuilder out = new StringBuilder();
        int[] values = ascending.toArray();
        int i = 0;
        while (i < values.length) {
            int j = i;
            while (j + 1 < values.length && values[j + 1] == values[j] + 1) {
                j++;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(values[i]);
            if (j > i) {
                out.append('-').append(values[j]);
            }
            i = j + 1;
        }
        return out.toString();
    }
}
