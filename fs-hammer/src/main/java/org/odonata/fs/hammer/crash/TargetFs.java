package org.odonata.fs.hammer.crash;

import java.util.List;

import org.odonata.api.block.BlockDevice;

/**
 * The file API a crash run drives: just what workloads, the oracle and the recovered-state walk need, so
 * the harness can run against any filesystem over a {@link BlockDevice}. Paths are absolute, '/'-separated.
 * Every method may throw: a throw while checking a crash state is reported as a failure of that state.
 */
public interface TargetFs {

    /** Writes an empty filesystem onto {@code device}. */
    void format(BlockDevice device);

    /** Mounts {@code device} read-write, running crash recovery first. */
    Mounted mount(BlockDevice device);

    /** What a path names. */
    enum Kind { FILE, DIRECTORY }

    /** A mounted filesystem. Dropping it without {@link #unmount()} is what a power cut does. */
    interface Mounted {

        void create(String path);

        void mkdir(String path);

        void write(String path, long offset, byte[] data);

        void truncate(String path, long size);

        void link(String existing, String newPath);

        void unlink(String path);

        void rename(String from, String to);

        void rmdir(String path);

        /** Returns when {@code path} (a file or directory) and its data are durable. */
        void fsync(String path);

        /** Returns when every completed change is durable. */
        void sync();

        void snapshot(String label);

        /** Labels of the snapshots, oldest first. */
        List<String> snapshots();

        /** Names in directory {@code path}, without "." and "..". */
        List<String> list(String path);

        /** What {@code path} names, or {@code null} if nothing. */
        Kind kind(String path);

        /** The whole content of file {@code path}; its length is the file's size. */
        byte[] read(String path);

        /** Problems the filesystem's own consistency checker finds; empty when consistent. */
        List<String> check();

        /** Flushes everything and releases the device. */
        void unmount();
    }
}
