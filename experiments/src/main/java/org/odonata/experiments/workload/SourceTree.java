package org.odonata.experiments.workload;

import org.odonata.api.kern.Syscalls;
import org.odonata.api.vfs.Fcntl;

/**
 * The files of {@code make files=true}: {@code /build/src/N.c} ({@code sources} of {@code sourceBytes} each),
 * {@code /build/include/hN.h} ({@code headers} of 4 KiB, every source includes them all) and the objects
 * {@code /build/obj/N.o}. Target {@code t} compiles source {@code t mod sources}, so later targets rebuild
 * earlier objects (truncated and rewritten) as an incremental build does.
 */
final class SourceTree {

    static final String BASE = "/build";
    private static final int HEADER_BYTES = 4096;
    private static final int CHUNK = 4096;

    private final int sources;
    private final int headers;
    private final int sourceBytes;
    private final int objectBytes;
    private final RunRecord run;

    SourceTree(int sources, int headers, int sourceBytes, int objectBytes, RunRecord run) {
        if (sources < 1 || headers < 0 || sourceBytes < 0 || objectBytes < 0) {
            throw new IllegalArgumentException("sources must be at least 1; headers, sourceBytes and objectBytes "
                    + "at least 0");
        }
        this.sources = sources;
        this.headers = headers;
        this.sourceBytes = sourceBytes;
        this.objectBytes = objectBytes;
        this.run = run;
    }

    /** Makes the tree on a filesystem of type {@code fs} ({@link WorkDir}); false (counted) on a failed call. */
    boolean layOut(Syscalls sys, String fs, String device) {
        if (failed(WorkDir.make(sys, BASE, fs, device)) || failed(sys.mkdir(BASE + "/src", 0755))
                || failed(sys.mkdir(BASE + "/include", 0755)) || failed(sys.mkdir(BASE + "/obj", 0755))) {
            return false;
        }
        for (int h = 0; h < headers; h++) {
            if (!create(sys, header(h), HEADER_BYTES)) {
                return false;
            }
        }
        for (int s = 0; s < sources; s++) {
            if (!create(sys, source(s), sourceBytes)) {
                return false;
            }
        }
        return true;
    }

    /** make's out-of-date check: {@code stat} of the target's source and of its object (absent at first). */
    void check(Syscalls sys, long target) {
        int s = (int) (target % sources);
        if (!sys.stat(source(s)).ok()) {
            run.add("errors", 1);
        }
        sys.stat(object(s));
    }

    /** cc1's input: the target's source and then every header, each opened, read to its end and closed. */
    void readInputs(Syscalls sys, long target) {
        readWhole(sys, source((int) (target % sources)));
        for (int h = 0; h < headers; h++) {
            readWhole(sys, header(h));
        }
    }

    /** The assembler's output: the target's object, created or truncated and written. */
    void writeObject(Syscalls sys, long target) {
        if (!create(sys, object((int) (target % sources)), objectBytes)) {
            return;
        }
        run.add("objects", 1);
    }

    private boolean create(Syscalls sys, String path, int bytes) {
        int fd = sys.open(path, Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC, 0644);
        if (failed(fd)) {
            return false;
        }
        byte[] chunk = new byte[CHUNK];
        for (int left = bytes; left > 0; ) {
            int n = sys.write(fd, chunk, 0, Math.min(left, chunk.length));
            if (failed(n)) {
                sys.close(fd);
                return false;
            }
            left -= n;
            run.add("bytes_written", n);
        }
        return !failed(sys.close(fd));
    }

    private void readWhole(Syscalls sys, String path) {
        int fd = sys.open(path, Fcntl.O_RDONLY, 0);
        if (failed(fd)) {
            return;
        }
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = sys.read(fd, buf, 0, buf.length)) > 0) {
            run.add("bytes_read", n);
        }
        failed(n);
        sys.close(fd);
    }

    /** Counts a negative result as an error. */
    private boolean failed(int result) {
        if (result < 0) {
            run.add("errors", 1);
            return true;
        }
        return false;
    }

    private static String source(int s) {
        return BASE + "/src/" + s + ".c";
    }

    private static String header(int h) {
        return BASE + "/include/h" + h + ".h";
    }

    private static String object(int s) {
        return BASE + "/obj/" + s + ".o";
    }
}
