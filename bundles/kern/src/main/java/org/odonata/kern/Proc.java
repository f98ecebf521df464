package org.odonata.kern;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.vfs.ProcessFiles;
import org.odonata.api.vm.VmSpace;

/** A process ({@code struct proc}): its LWPs, children, file state (the VFS's), address space and exit status. */
final class Proc {

    final int pid;
    final String name;
    Proc parent;
    final List<Proc> children = new ArrayList<>();
    final List<Lwp> lwps = new ArrayList<>(1);
    /** Descriptors, current directory, umask and credentials: the VFS's {@code filedesc} and {@code ucred}. */
    ProcessFiles files;
    /** The ident waitpid sleeps on in the parent. */
    final long waitIdent;
    int nice;
    boolean zombie;
    /** The process's random stream, created on first use so processes that draw nothing cost nothing. */
    RandomGenerator random;
    int status;
    /** The address space, or null on a kernel without a VM or once exited. */
    VmSpace vmspace;
    /** A signal that kills the process at its next return from the kernel, or 0. */
    int killSignal;
    /** The guest this process carries when it is a vkernel, or null. */
    VkernelProcess vkernel;

    Proc(int pid, String name, long waitIdent) {
        this.pid = pid;
        this.name = name;
        this.waitIdent = waitIdent;
    }
}
