package org.odonata.experiments.memtrace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads valgrind's {@code --tool=lackey --trace-mem=yes} output: lines {@code I  addr,size} (instruction fetch),
 * {@code  L addr,size} (load), {@code  S addr,size} (store), {@code  M addr,size} (modify: a load and a store, one
 * write reference), with {@code addr} in hex and {@code size} in decimal bytes; {@code ==pid==} lines and blank
 * lines are skipped; gzip-compressed files are recognised by their magic number. Anything else is an error naming
 * the file, the line and what was expected. One pass over bytes, no per-line objects: the parser keeps up with
 * the replay (see the JMH benchmark).
 */
public final class LackeyReader {

    private LackeyReader() {
    }

    /** Reads {@code file} with pages of {@code 1 << pageShift} bytes. */
    public static PageRefs read(Path file, int pageShift) {
        try (InputStream in = open(file)) {
            return read(file.toString(), in, pageShift);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes, gunzipped when it starts with gzip's magic number. */
    static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such trace file");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** Hex digit values by byte, -1 for anything else. */
    private static final byte[] HEX = new byte[256];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = 0; c < 10; c++) {
            HEX['0' + c] = (byte) c;
        }
        for (int c = 0; c < 6; c++) {
            HEX['a' + c] = (byte) (10 + c);
            HEX['A' + c] = (byte) (10 + c);
        }
    }

    /** The longest line accepted: lackey's are under 30 bytes; {@code ==pid==} lines can be long. */
    static final int MAX_LINE = 1 << 16;

    /** Parses a stream; {@code source} names it in errors. */
    public static PageRefs read(String source, InputStream in, int pageShift) throws IOException {
        if (pageShift < 12 || pageShift > 30) {
            throw new IllegalArgumentException("page size must be a power of two from 4K to 1G");
        }
        Refs out = new Refs();
        byte[] buf = new byte[1 << 20];
        int have = 0;
        long line = 1;
        while (true) {
            int got = in.read(buf, have, buf.length - have);
            if (got > 0) {
                have += got;
            }
            int start = 0;
            for (int i = 0; i < have; i++) {
                if (buf[i] == '\n') {
                    parseLine(source, line++, buf, start, i, pageShift, out);
                    start = i + 1;
                }
            }
            if (got < 0) {
                if (start < have) {
                    parseLine(source, line, buf, start, have, pageShift, out);
                }
                break;
            }
            int rest = have - start;
            if (rest > MAX_LINE) {
                throw malformed(source, line, new String(buf, start, 40, StandardCharsets.ISO_8859_1) + "...");
            }
            System.arraycopy(buf, start, buf, 0, rest);
            have = rest;
        }
        return new PageRefs(source, pageShift, out.refs, out.n, out.accesses, out.widest, out.widestLine);
    }

    /** The references as they are read. */
    private static final class Refs {
        long[] refs = new long[1 << 16];
        int n;
        long accesses;
        int widest;
        long widestLine;

        void add(long first, boolean crosses, boolean write, long line) {
            if (n + 2 > refs.length) {
                refs = Arrays.copyOf(refs, refs.length * 2);
            }
            long w = write ? 1 : 0;
            refs[n++] = first << 1 | w;
            if (crosses) {
                refs[n++] = (first + 1) << 1 | w;
            }
            accesses++;
            int pages = crosses ? 2 : 1;
            if (pages > widest) {
                widest = pages;
                widestLine = line;
            }
        }
    }

    /** One line {@code b[from, to)}: an access added to {@code out}, or nothing for a skipped line. */
    private static void parseLine(String source, long line, byte[] b, int from, int to, int pageShift, Refs out) {
        int end = to;
        if (end > from && b[end - 1] == '\r') {
            end--;
        }
        if (end == from || (end - from >= 2 && b[from] == '=' && b[from + 1] == '=')) {
            return;
        }
        boolean write;
        if (end - from > 3 && b[from] == 'I' && b[from + 1] == ' ' && b[from + 2] == ' ') {
            write = false;
        } else if (end - from > 3 && b[from] == ' ' && b[from + 2] == ' '
                && (b[from + 1] == 'L' || b[from + 1] == 'S' || b[from + 1] == 'M')) {
            write = b[from + 1] != 'L';
        } else {
            throw malformed(source, line, text(b, from, end));
        }
        int i = from + 3;
        long addr = 0;
        int digits = 0;
        for (; i < end && b[i] != ','; i++) {
            int d = HEX[b[i] & 0xff];
            if (d < 0 || ++digits > 16) {
                throw malformed(source, line, text(b, from, end));
            }
            addr = addr << 4 | d;
        }
        if (digits == 0 || i == end) {
            throw malformed(source, line, text(b, from, end));
        }
        long size = 0;
        int sdigits = 0;
        for (i++; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || ++sdigits > 9) {
                throw malformed(source, line, text(b, from, end));
            }
            size = size * 10 + d;
        }
        if (sdigits == 0 || size == 0) {
            throw malformed(source, line, text(b, from, end));
        }
        long first = addr >>> pageShift;
        long last = (addr + size - 1) >>> pageShift;
        if (last - first > 1) {
            throw new IllegalArgumentException(source + ":" + line + ": an access of " + size
                    + " bytes spans more than two pages");
        }
        out.add(first, last != first, write, line);
    }

    private static String text(byte[] b, int from, int end) {
        return new String(b, from, Math.min(end - from, 80), StandardCharsets.ISO_8859_1);
    }

    private static IllegalArgumentException malformed(String source, long line, String text) {
        return new IllegalArgumentException(source + ":" + line + ": expected 'I  addr,size', ' L addr,size', "
                + "' S addr,size', ' M addr,size' (hex address, decimal size) or a '==pid==' line, found '"
                + text + "'");
    }
}
