package org.odonata.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder that appears complete or not at all: files are written into a hidden temporary sibling
 * ({@code .NAME.partial-…}), which {@link #commit()} renames into place (an existing folder of that name is
 * moved aside first and then removed). A writer that dies before the commit leaves only the hidden folder,
 * which readers list as incomplete ({@link #isPartial(Path)}) and never take for a result. Closing without a
 * commit removes it.
 * <pre>
 * try (AtomicFolder f = AtomicFolder.create(target)) {
 *     Files.writeString(f.dir().resolve("report.md"), text);
 *     return f.commit();
 * }
 * </pre>
 */
public final class AtomicFolder implements AutoCloseable {

    /** What a temporary folder's name holds after the target's name. */
    public static final String PARTIAL = ".partial-";

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFolder(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the temporary folder next to {@code target} (and {@code target}'s parents). */
    public static AtomicFolder create(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        Path parent = t.getParent();
        Files.createDirectories(parent);
        String id = ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
        Path temp = Files.createDirectory(parent.resolve("." + t.getFileName() + PARTIAL + id));
        return new AtomicFolder(t, temp);
    }

    /** Whether {@code folder} is the temporary folder of a write that never committed. */
    public static boolean isPartial(Path folder) {
        String name = folder.getFileName().toString();
        return name.startsWith(".") && name.contains(PARTIAL);
    }

    /** The name of the folder a temporary one was going to become. */
    public static String targetName(Path partial) {
        String name = partial.getFileName().toString();
        return name.substring(1, name.indexOf(PARTIAL));
    }

    /** Where to write. */
    public Path dir() {
        return temp;
    }

    /** Renames the temporary folder to the target; returns the target. */
    public Path commit() throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + temp.getFileName().toString()
                    .substring(temp.getFileName().toString().lastIndexOf('-') + 1));
            move(target, old);
        }
        move(temp, target);
        committed = true;
        if (old != null) {
            delete(old);
        }
        return target;
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                delete(temp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the unfinished folder " + temp, e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new IOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Removes a folder and everything in it. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
