package org.odonata.verifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytecode offset of every instruction of every method in a class file, in order. ASM's visitor reports
 * instructions but not their offsets; this reads the {@code Code} attributes directly (JVMS §4.7.3) and decodes
 * instruction lengths (§6.5), so the k-th instruction ASM visits in a method is at {@code offsets[k]}.
 */
final class InstructionOffsets {

    /** Instruction lengths by opcode; 0 for the variable-length ones (tableswitch, lookupswitch, wide). */
    private static final byte[] LENGTH = new byte[256];

    static {
        java.util.Arrays.fill(LENGTH, (byte) 1);
        set(2, 0x10, 0x12, 0xa9, 0xbc);
        for (int op = 0x15; op <= 0x19; op++) {
            set(2, op);
        }
        for (int op = 0x36; op <= 0x3a; op++) {
            set(2, op);
        }
        set(3, 0x11, 0x13, 0x14, 0x84, 0xa7, 0xa8, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1,
                0xc6, 0xc7);
        for (int op = 0x99; op <= 0xa6; op++) {
            set(3, op);
        }
        set(4, 0xc5);
        set(5, 0xb9, 0xba, 0xc8, 0xc9);
        set(0, 0xaa, 0xab, 0xc4);
    }

    private static void set(int length, int... opcodes) {
        for (int op : opcodes) {
            LENGTH[op] = (byte) length;
        }
    }

    private InstructionOffsets() {
    }

    /** Per method ({@code name + descriptor}), the offsets of its instructions. */
    static Map<String, int[]> of(byte[] classFile) {
        ByteBuffer b = ByteBuffer.wrap(classFile);
        b.position(8);
        int count = b.getShort() & 0xFFFF;
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = b.get();
            switch (tag) {
                case 1 -> {
                    int len = b.getShort() & 0xFFFF;
                    utf8[i] = new String(classFile, b.position(), len, StandardCharsets.UTF_8);
                    b.position(b.position() + len);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> b.position(b.position() + 4);
                case 5, 6 -> {
                    b.position(b.position() + 8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> b.position(b.position() + 2);
                case 15 -> b.position(b.position() + 3);
                default -> throw new IllegalArgumentException("constant pool tag " + tag + " at entry " + i);
            }
        }
        b.position(b.position() + 6);
        int interfaces = b.getShort() & 0xFFFF;
        b.position(b.position() + 2 * interfaces);
        skipMembers(b);
        Map<String, int[]> out = new HashMap<>();
        int methods = b.getShort() & 0xFFFF;
        for (int m = 0; m < methods; m++) {
            b.getShort();
            String key = utf8[b.getShort() & 0xFFFF] + utf8[b.getShort() & 0xFFFF];
            int attributes = b.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                String name = utf8[b.getShort() & 0xFFFF];
                int len = b.getInt();
                int end = b.position() + len;
                if (name.equals("Code")) {
                    b.position(b.position() + 4);
                    int codeLength = b.getInt();
                    out.put(key, decode(classFile, b.position(), codeLength));
                }
                b.position(end);
            }
        }
        return out;
    }

    private static void skipMembers(ByteBuffer b) {
        int members = b.getShort() & 0xFFFF;
        for (int m = 0; m < members; m++) {
            b.position(b.position() + 6);
            int attributes = b.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                b.getShort();
                int len = b.getInt();
                b.position(b.position() + len);
            }
        }
    }

    private static int[] decode(byte[] c, int start, int length) {
        List<Integer> offsets = new ArrayList<>();
        int pc = 0;
        while (pc < length) {
            offsets.add(pc);
            int op = c[start + pc] & 0xFF;
            int len = LENGTH[op];
            if (len == 0) {
                len = switch (op) {
                    case 0xc4 -> (c[start + pc + 1] & 0xFF) == 0x84 ? 6 : 4;
                    case 0xaa -> {
                        int at = pc + 1 + (3 - pc % 4);
                        int low = ByteBuffer.wrap(c, start + at + 4, 4).getInt();
                        int high = ByteBuffer.wrap(c, start + at + 8, 4).getInt();
                        yield at + 12 + 4 * (high - low + 1) - pc;
                    }
                    default -> {
                        int at = pc + 1 + (3 - pc % 4);
                        int pairs = ByteBuffer.wrap(c, start + at + 4, 4).getInt();
                        yield at + 8 + 8 * pairs - pc;
                    }
                };
            }
            pc += len;
        }
        return offsets.stream().mapToInt(Integer::intValue).toArray();
    }
}
