package org.odonata.experiments.memtrace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    /** Parses a stream; {@code source} names it in errors. */
    public static PageRefs read(String source, InputStream in, int pageShift) throws IOException {
        if (pageShift < 12 || pageShift > 30) {
            throw new IllegalArgumentException("page size must be a power of two from 4K to 1G");
        }
        byte[] buf = new byte[1 << 16];
        long[] refs = new long[1 << 16];
        int n = 0;
        long accesses = 0;
        int widest = 0;
        long widestLine = 0;
        long line = 1;
        byte[] cur = new byte[256];
        int len = 0;
        boolean overlong = false;
        int got;
        while (true) {
            got = in.read(buf);
            int end = got < 0 ? 0 : got;
            for (int i = 0; i <= end; i++) {
                boolean eol = i < end ? buf[i] == '\n' : got < 0 && (len > 0 || overlong);
                if (i == end && !eol) {
                    break;
                }
                if (!eol) {
                    if (len < cur.length) {
                        cur[len++] = buf[i];
                    } else {
                        overlong = true;
                    }
                    continue;
                }
                if (overlong) {
                    throw malformed(source, line, new String(cur, 0, Math.min(len, 40)) + "...");
                }
                long ref = parseLine(source, line, cur, len, pageShift);
                if (ref != SKIP) {
                    accesses++;
                    long first = ref >>> 2;
                    boolean write = (ref & 1) != 0;
                    int pages = (ref & 2) != 0 ? 2 : 1;
                    if (n + 2 > refs.length) {
                        refs = Arrays.copyOf(refs, refs.length * 2);
                    }
                    refs[n++] = first << 1 | (write ? 1 : 0);
                    if (pages == 2) {
                        refs[n++] = (first + 1) << 1 | (write ? 1 : 0);
                    }
                    if (pages > widest) {
                        widest = pages;
                        widestLine = line;
                    }
                }
                line++;
                len = 0;
            }
            if (got < 0) {
                break;
            }
        }
        return new PageRefs(source, pageShift, refs, n, accesses, widest, widestLine);
    }

    private static final long SKIP = -1;

    /**
     * One line: {@link #SKIP}, or {@code firstPage << 2 | crosses << 1 | write}.
     */
    private static long parseLine(String source, long line, byte[] b, int len, int pageShift) {
        int end = len;
        if (end > 0 && b[end - 1] == '\r') {
            end--;
        }
        if (end == 0 || (end >= 2 && b[0] == '=' && b[1] == '=')) {
            return SKIP;
        }
        int i;
        boolean write;
        if (b[0] == 'I' && end > 3 && b[1] == ' ' && b[2] == ' ') {
            write = false;
            i = 3;
        } else if (b[0] == ' ' && end > 3 && b[2] == ' ' && (b[1] == 'L' || b[1] == 'S' || b[1] == 'M')) {
            write = b[1] != 'L';
            i = 3;
        } else {
            throw malformed(source, line, new String(b, 0, end));
        }
        long addr = 0;
        int digits = 0;
        for (; i < end && b[i] != ','; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0 || ++digits > 16) {
                throw malformed(source, line, new String(b, 0, end));
            }
            addr = addr << 4 | d;
        }
        if (digits == 0 || i == end) {
            throw malformed(source, line, new String(b, 0, end));
        }
        long size = 0;
        int sdigits = 0;
        for (i++; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || ++sdigits > 9) {
                throw malformed(source, line, new String(b, 0, end));
            }
            size = size * 10 + d;
        }
        if (sdigits == 0 || size == 0) {
            throw malformed(source, line, new String(b, 0, end));
        }
        long first = addr >>> pageShift;
        long last = (addr + size - 1) >>> pageShift;
        if (last - first > 1) {
            throw new IllegalArgumentException(source + ":" + line + ": an access of " + size
                    + " bytes spans more than two pages");
        }
        return first << 2 | (last != first ? 2 : 0) | (write ? 1 : 0);
    }

    private static IllegalArgumentException malformed(String source, long line, String text) {
        return new IllegalArgumentException(source + ":" + line + ": expected 'I  addr,size', ' L addr,size', "
                + "' S addr,size', ' M addr,size' (hex address, decimal size) or a '==pid==' line, found '"
                + text + "'");
    }
}
