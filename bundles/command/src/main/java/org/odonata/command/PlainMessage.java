package org.odonata.command;

import java.lang.reflect.InvocationTargetException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One plain line for what went wrong, for the prompt and for batch stderr: never a stack trace, never a bare
 * exception class or a JDK message such as {@code For input string: "abc"}. Commands throw
 * {@link IllegalArgumentException} or {@link IllegalStateException} with a message written for the user; this
 * class passes those through and translates what the JDK throws (missing files, out of memory, deep nesting).
 */
public final class PlainMessage {

    private PlainMessage() {
    }

    /** The line to show for {@code failure}. */
    public static String of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof OutOfMemoryError) {
            return outOfMemory();
        }
        if (t instanceof StackOverflowError) {
            return "the input is nested too deeply to process (the host stack overflowed)";
        }
        if (t instanceof FileSystemException f) {
            return file(f);
        }
        if (t instanceof CharacterCodingException) {
            return "the file is not UTF-8 text";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return "internal error: " + t.getClass().getName() + " (please report it with the command that caused it)";
        }
        return m;
    }

    /**
     * "the machine needs more memory than the JVM has (-Xmx5.9g); …": the advice for an
     * {@link OutOfMemoryError} caught in a trial or a command.
     */
    public static String outOfMemory() {
        return "the machine needs more memory than the JVM has (-Xmx" + gib(Runtime.getRuntime().maxMemory())
                + "); give the JVM more (ODONATA_JAVA_OPTS=-Xmx16g ./odonata …) or simulate a smaller machine, "
                + "workload or process limit (kern.maxproc)";
    }

    /** The failure under wrappers that carry nothing for the user (reflection, futures, unchecked I/O). */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t != t.getCause() && (t instanceof InvocationTargetException
                || t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof UncheckedIOException || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t;
    }

    private static String file(FileSystemException f) {
        String path = f.getFile();
        String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
        if (f instanceof NoSuchFileException) {
            return "no such file or directory: " + path + other;
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied: " + path + other;
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory: " + path;
        }
        if (f instanceof FileAlreadyExistsException) {
            return "already exists: " + path + other;
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "directory not empty: " + path;
        }
        return (f.getReason() == null ? "cannot use" : f.getReason().toLowerCase(Locale.ROOT)) + ": " + path + other;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1fg", bytes / (double) (1L << 30));
    }
}
