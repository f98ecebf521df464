package org.odonata.experiments.memtrace;

import java.util.Arrays;

/**
 * A trace as the pages it touches, in order: each access becomes one reference per page it covers (two when it
 * crosses a page boundary), encoded {@code page << 1 | write}.
 *
 * @param source           where it came from, for messages
 * @param pageShift        log2 of the page size the references are counted in
 * @param refs             the references, {@code length} of them used
 * @param length           how many references
 * @param accesses         trace lines that were accesses (instruction fetches, loads, stores, modifies)
 * @param widest           the most pages one access covers (1 or 2)
 * @param widestLine       the line of the first such access, for messages
 */
public record PageRefs(String source, int pageShift, long[] refs, int length, long accesses, int widest,
        long widestLine) {

    public long page(int i) {
        return refs[i] >>> 1;
    }

    public boolean write(int i) {
        return (refs[i] & 1) != 0;
    }

    /**
     * The distinct pages, ascending: an open-addressing set over the references (a trace touches few pages many
     * times), then a sort of the few.
     */
    public long[] distinctPages() {
        long[] table = new long[64];
        int size = 0;
        for (int i = 0; i < length; i++) {
            long key = (refs[i] >>> 1) + 1;
            if (2 * (size + 1) > table.length) {
                table = grow(table);
            }
            int mask = table.length - 1;
            int h = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
            while (table[h] != 0 && table[h] != key) {
                h = (h + 1) & mask;
            }
            if (table[h] == 0) {
                table[h] = key;
                size++;
            }
        }
        long[] pages = new long[size];
        int n = 0;
        for (long k : table) {
            if (k != 0) {
                pages[n++] = k - 1;
            }
        }
        Arrays.sort(pages);
        return pages;
    }

    private static long[] grow(long[] table) {
        long[] bigger = new long[table.length * 2];
        int mask = bigger.length - 1;
        for (long key : table) {
            if (key != 0) {
                int h = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
                while (bigger[h] != 0) {
                    h = (h + 1) & mask;
                }
                bigger[h] = key;
            }
        }
        return bigger;
    }
}
