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

    /** The distinct pages, ascending. */
    public long[] distinctPages() {
        long[] pages = new long[length];
        for (int i = 0; i < length; i++) {
            pages[i] = refs[i] >>> 1;
        }
        Arrays.sort(pages);
        int n = 0;
        for (int i = 0; i < pages.length; i++) {
            if (i == 0 || pages[i] != pages[i - 1]) {
                pages[n++] = pages[i];
            }
        }
        return Arrays.copyOf(pages, n);
    }
}
