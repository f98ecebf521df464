package org.odonata.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What {@link HammerBench} does with every value a store delivers, the same for both stores: reads each of its bytes
 * once (a sum of its 8-byte words, then of any bytes left over), so a store that hands back a reference to bytes it
 * never touched does not look faster than one that has to read them.
 */
final class ValueDigest {

    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ValueDigest() {
    }

    static long of(byte[] a, int offset, int length) {
        long sum = 0;
        int i = offset;
        int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            sum += (long) WORD.get(a, i);
        }
        for (; i < end; i++) {
            sum += a[i];
        }
        return sum;
    }

    static long of(byte[] a) {
        return of(a, 0, a.length);
    }
}
