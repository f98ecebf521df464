package org.odonata.vfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.fs.FsException;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.FsStat;
import org.odonata.api.vfs.ProcessFiles;
import org.odonata.api.vfs.Vfs;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.syscall.ProcFiles;

/**
 * The VFS of one booted kernel: its {@link VfsCore} (namecache, vnodes, mounts) and the entry points the kernel
 * core uses — mounting the root at boot and the file state of each new process.
 */
public final class SimVfs implements Vfs {

    private final VfsCore core;

    public SimVfs(VfsCore core) {
        this.core = core;
    }

    @Override
    public void mountRoot(String type, String device, boolean makeIfBlank) {
        if (core.rootNcp() != null) {
            throw new IllegalStateException("the root filesystem is already mounted");
        }
        if (!core.typeNames().contains(type)) {
            throw new IllegalArgumentException("unknown root filesystem type '" + type + "'; valid: "
                    + String.join(", ", core.typeNames()));
        }
        int error = core.mount(type, device, null, 0, makeIfBlank, Map.of());
        if (error != 0) {
            throw new IllegalArgumentException("cannot mount the root filesystem (" + type + " from "
                    + (device == null ? "none" : device) + "): " + Errno.ofResult(error));
        }
    }

    @Override
    public ProcessFiles newProcess(int pid) {
        if (core.rootNcp() == null) {
            throw new IllegalStateException("no root filesystem mounted");
        }
        return new ProcFiles(core, pid);
    }

    @Override
    public List<FsStat> mounts() {
        List<FsStat> out = new ArrayList<>();
        for (Mount mp : core.mounts()) {
            try {
                out.add(core.statfs(mp));
            } catch (FsException e) {
                // left out, as getfsstat leaves out a filesystem that cannot report
            }
        }
        return out;
    }

    @Override
    public List<String> types() {
        return core.typeNames();
    }

    @Override
    public Map<String, Long> stats() {
        Map<String, Long> m = new LinkedHashMap<>(core.counters.asMap());
        m.put("ncp_entries", (long) core.cache.entries());
        m.put("ncp_negatives", (long) core.cache.negatives());
        m.put("vnodes", core.vnodes.live());
        m.put("mounts", (long) core.mounts().size());
        if (core.bufs() != null) {
            m.putAll(core.bufs().stats());
        }
        return m;
    }
}
