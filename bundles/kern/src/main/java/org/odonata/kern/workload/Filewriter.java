package org.odonata.kern.workload;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;
import org.odonata.api.vfs.Fcntl;
import org.osgi.service.component.annotations.Component;

/**
 * {@code filewriter FILE [--size BYTES] [--every DURATION] [--nosync]}: one process appending {@code size} bytes
 * (default 65536) to FILE every {@code every} (default 10ms) of virtual time and fsync'ing each write, a steady
 * write rate of size/every, as a database log does; counts writes, bytes and failed calls. FILE is created.
 */
@Component(service = Workload.class, property = "name=filewriter")
public final class Filewriter implements Workload {

    static final String USAGE = "filewriter FILE [--size BYTES] [--every DURATION] [--nosync]";

    @Override
    public String name() {
        return "filewriter";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public WorkloadRun start(Kernel kernel, List<String> args) {
        Args a = new Args(USAGE, args, List.of("size", "every"), List.of("nosync"));
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw a.bad("missing FILE");
        }
        String file = args.get(0);
        a.noMorePositional(1);
        int size = a.option("size") == null ? 65_536 : size(a, a.option("size"));
        long every = a.duration("every", 10_000_000L);
        if (every <= 0) {
            throw a.bad("--every must be positive");
        }
        boolean sync = !a.flag("nosync");
        Counters c = new Counters("filewriter", "writes", "bytes", "errors");
        kernel.spawn("filewriter", sys -> {
            int fd = sys.open(file, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_APPEND, 0644);
            if (fd < 0) {
                c.values[2]++;
                return;
            }
            byte[] block = new byte[size];
            long next = sys.now();
            while (true) {
                // the content changes with every write, so each flush carries new data
                block[(int) (c.values[0] % size)]++;
                int n = sys.write(fd, block, 0, size);
                if (n != size || sync && sys.fsync(fd) != 0) {
                    c.values[2]++;
                } else {
                    c.values[0]++;
                    c.values[1] += n;
                }
                next += every;
                long now = sys.now();
                if (next > now) {
                    sys.nanosleep(next - now);
                }
            }
        });
        return c;
    }

    private static int size(Args a, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 16 << 20) {
                throw a.bad("--size must be in 1..16777216 bytes, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw a.bad("--size must be a number of bytes, was '" + text + "'");
        }
    }
}
