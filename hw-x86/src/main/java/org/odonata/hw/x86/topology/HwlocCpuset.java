package org.odonata.hw.x86.topology;

import java.util.BitSet;

/**
 * An hwloc bitmap string: 32-bit hex words, most significant first, separated by commas. An empty word
 * is zero, and a leading {@code 0xf...f} word means every higher bit is set too.
 */
record HwlocCpuset(BitSet bits, int infiniteFrom) {

    static HwlocCpuset parse(String text) {
        String[] words = text.strip().split(",", -1);
        boolean infinite = words[0].equals("0xf...f");
        int first = infinite ? 1 : 0;
        int wordCount = words.length - first;
        BitSet bits = new BitSet();
        for (int w = 0; w < wordCount; w++) {
            String word = words[first + w].strip();
            if (word.isEmpty()) {
                continue;
            }
            if (!word.startsWith("0x") || word.length() > 10) {
                throw new IllegalArgumentException("malformed cpuset '" + text + "'");
            }
            long value;
            try {
                value = Long.parseLong(word.substring(2), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed cpuset '" + text + "'", e);
            }
            int base = (wordCount - 1 - w) * 32;
            for (int bit = 0; bit < 32; bit++) {
                if ((value >>> bit & 1) != 0) {
                    bits.set(base + bit);
                }
            }
        }
        return new HwlocCpuset(bits, infinite ? wordCount * 32 : Integer.MAX_VALUE);
    }

    boolean contains(int osIndex) {
        return osIndex >= infiniteFrom || bits.get(osIndex);
    }
}
