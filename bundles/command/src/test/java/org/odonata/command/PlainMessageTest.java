package org.odonata.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

class PlainMessageTest {

    @Test
    void aUsersMessagePassesThroughItsWrappers() {
        assertEquals("no machine booted", PlainMessage.of(new InvocationTargetException(
                new IllegalArgumentException("no machine booted"))));
    }

    @Test
    void outOfMemoryNamesTheHeapAndTheWayOut() {
        String m = PlainMessage.of(new InvocationTargetException(new OutOfMemoryError("Java heap space")));
        assertTrue(m.startsWith("the machine needs more memory than the JVM has (-Xmx"), m);
        assertTrue(m.contains("ODONATA_JAVA_OPTS"), m);
    }

    @Test
    void theJdksWordsBecomePlainOnes() {
        assertEquals("no such file or directory: /nonexistent.json",
                PlainMessage.of(new UncheckedIOException(new NoSuchFileException("/nonexistent.json"))));
        assertEquals("permission denied: /root/x", PlainMessage.of(new AccessDeniedException("/root/x")));
        assertEquals("the file is not UTF-8 text", PlainMessage.of(new MalformedInputException(1)));
        assertEquals("the input is nested too deeply to process (the host stack overflowed)",
                PlainMessage.of(new StackOverflowError()));
        assertTrue(PlainMessage.of(new NullPointerException()).startsWith("internal error: java.lang."
                + "NullPointerException"));
    }
}
