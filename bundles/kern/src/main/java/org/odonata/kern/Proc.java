package org.odonata.kern;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.vm.VmSpace;

/** A process ({@code struct proc}): its LWPs, children, descriptors and exit status. */
final class Proc {

    final int pid;
    final String name;
    Proc parent;
    final List<Proc> children = new ArrayList<>();
    final List<Lwp> lwps = new ArrayList<>(1);
    /** Files by descriptor; null for a closed slot. */
    final List<Pipe.End> fds = new ArrayList<>();
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

    Proc(int pid, String name, long waitIdent) {
        this.pid = pid;
        this.name = name;
        this.waitIdent = waitIdent;
    }

    int addFd(Pipe.End end) {
        for (int i = 0; i < fds.size(); i++) {
            if (fds.get(i) == null) {
                fds.set(i, end);
                return i;
            }
        }
        fds.add(end);
        return fds.size() - 1;
    }

    Pipe.End fd(int fd) {
        return fd >= 0 && fd < fds.size() ? fds.get(fd) : null;
    }
}
