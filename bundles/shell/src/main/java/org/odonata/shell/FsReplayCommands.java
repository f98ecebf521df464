package org.odonata.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.replay.ReplayOptions;
import org.odonata.replay.ReplayReport;
import org.odonata.replay.ReplayRun;
import org.odonata.replay.strace.StraceReader;
import org.odonata.replay.strace.Trace;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code fs:replay}: a real program's strace trace replayed as simulated processes on the booted kernel, every call
 * under the traced directory compared with the result the host gave.
 */
@Component(service = FsReplayCommands.class, immediate = true, property = {
    "osgi.command.scope=fs",
    "osgi.command.function=replay"})
public final class FsReplayCommands {

    private static final String NONE = "\u0000";
    /** Virtual time a replay may take beyond the span of the trace's timestamps. */
    private static final long SLACK_NANOS = 60_000_000_000L;

    @Reference
    private Kernels kernels;

    @Descriptor("replays a trace written by strace -f -s N -o FILE (with or without -tt/-ttt/-T/-y): calls on paths "
            + "under --cwd DIR are made under --into PATH by simulated processes in the trace's order and compared "
            + "with the recorded results; prints calls replayed/skipped/unsupported/mismatched and fails on any "
            + "mismatched or unsupported call")
    public String replay(
            @Descriptor("the host directory the traced programs started in")
            @Parameter(names = "--cwd", absentValue = NONE) String cwd,
            @Descriptor("the simulated directory to replay under (made with mode 0755 if absent)")
            @Parameter(names = "--into", absentValue = ReplayOptions.DEFAULT_INTO) String into,
            @Descriptor("the traced programs' umask, octal")
            @Parameter(names = "--umask", absentValue = "022") String umask,
            @Descriptor("the strace output file on the host") String trace) throws IOException {
        if (cwd.equals(NONE)) {
            throw new IllegalArgumentException("fs:replay: --cwd DIR is required: the host directory the traced "
                    + "programs started in");
        }
        int mask;
        try {
            mask = Integer.parseInt(umask, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fs:replay: --umask must be octal, like 022, not '" + umask + "'");
        }
        ReplayOptions options = ReplayOptions.of(cwd, into, mask);
        Path file = Path.of(trace);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("fs:replay: no trace file " + file.toAbsolutePath());
        }
        Trace t = StraceReader.read(file);
        BootedKernel k = kernels.current();
        ReplayRun run = k.call(() -> ReplayRun.plan(k.kernel(), t, options));
        long start = k.call(() -> {
            run.start();
            return k.kernel().now();
        });
        ShellProcess.advanceUntil(k, "fs:replay " + trace, run::finished, start, run.traceSpanNanos() + SLACK_NANOS);
        ReplayReport report = run.report();
        String text = report.format(20);
        if (report.ok()) {
            return text;
        }
        System.out.println(text);
        throw new IllegalArgumentException("fs:replay: " + trace + ": " + report.mismatched() + " mismatched, "
                + report.unsupported() + " unsupported" + (report.stalled() != null ? ", stalled" : ""));
    }
}
