package org.odonata.verifier.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public class ReadsFiles {
    public byte[] load(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
