package org.odonata.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.replay.mtree.Keyword;
import org.odonata.replay.mtree.MtreeSpec;
import org.odonata.replay.mtree.MtreeVerifier;
import org.odonata.replay.mtree.MtreeWriter;
import org.odonata.replay.mtree.SimTree;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code fs:mtree}: an mtree(8) specification of a tree of the booted kernel ({@code mtree -c} format), or its
 * verification against a specification on the host ({@code mtree -f}), read by a process through the system calls.
 */
@Component(service = FsMtreeCommands.class, immediate = true, property = {
    "osgi.command.scope=fs",
    "osgi.command.function=mtree"})
public final class FsMtreeCommands {

    private static final String NONE = "\u0000";
    /** C's ctime(3), as mtree's {@code date:} header. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    @Reference
    private Kernels kernels;

    @Descriptor("an mtree specification of a simulated tree (mtree -c: keywords type,size,sha256,mode,nlink,link,uid,"
            + "gid), or with -f SPEC the differences from a specification on the host (mtree -f; fails on any). "
            + "Other keywords a specification holds (time, flags, md5, ...) are not checked; neither is a "
            + "directory's link count, as mtree")
    public String mtree(
            @Descriptor("keywords to write, e.g. type,size,sha256,mode,nlink,link (default: all eight)")
            @Parameter(names = "-k", absentValue = NONE) String keywords,
            @Descriptor("a specification file on the host to verify the tree against")
            @Parameter(names = "-f", absentValue = NONE) String spec,
            @Descriptor("directory of the booted kernel") String path) throws IOException {
        byte[] root = path.getBytes(StandardCharsets.UTF_8);
        BootedKernel k = kernels.current();
        if (spec.equals(NONE)) {
            var keys = keywords.equals(NONE) ? Keyword.ALL : Keyword.parse(keywords);
            String machine = k.call(() -> k.kernel().machine().name());
            return ShellProcess.run(k, "mtree", sys -> MtreeWriter.write(new SimTree(sys), root, keys, "root",
                    machine, CTIME.format(Instant.ofEpochSecond(0, sys.now())))).stripTrailing();
        }
        if (!keywords.equals(NONE)) {
            throw new IllegalArgumentException("fs:mtree: -k writes a specification, -f checks one: give one of them");
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("fs:mtree: no specification file " + file.toAbsolutePath());
        }
        MtreeSpec s = MtreeSpec.read(file);
        List<String> diffs = ShellProcess.run(k, "mtree", sys -> MtreeVerifier.verify(new SimTree(sys), root, s));
        if (diffs.isEmpty()) {
            return path + " matches " + spec;
        }
        diffs.forEach(System.out::println);
        throw new IllegalArgumentException("fs:mtree: " + path + " differs from " + spec + " in "
                + MtreeVerifier.differences(diffs) + " files");
    }
}
