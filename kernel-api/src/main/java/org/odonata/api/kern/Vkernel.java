package org.odonata.api.kern;

/**
 * A guest kernel's place in its host ({@link Kernel#vkernel()}), as seen now.
 *
 * @param host        the host kernel's machine name
 * @param hostPid     the host process carrying the guest (its LWPs are the vCPU threads)
 * @param vcpus       the guest's CPUs, one host LWP each
 * @param memoryBytes the guest's memory: the size of the host process's guest-memory mapping
 * @param hostNanos   host CPU time the vCPU LWPs ran, in virtual ns (the guest's whole CPU budget so far)
 * @param teardown    why the guest was torn down, or null while it runs
 */
public record Vkernel(String host, int hostPid, int vcpus, long memoryBytes, long hostNanos, String teardown) {

    public boolean alive() {
        return teardown == null;
    }
}
