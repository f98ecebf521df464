package org.odonata.api.kern;

import org.osgi.annotation.versioning.ConsumerType;

/** A user program: plain sequential Java running as a simulated process, talking to the kernel only by system calls. */
@ConsumerType
@FunctionalInterface
public interface UserProgram {

    /** The program's main; returning is {@code exit(0)}. */
    void main(Syscalls sys);
}
