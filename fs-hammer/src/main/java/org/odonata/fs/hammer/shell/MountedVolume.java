package org.odonata.fs.hammer.shell;

import java.nio.file.Path;

import org.odonata.api.block.BlockDevice;
import org.odonata.fs.hammer.fs.HammerFs;

/** The volume the shell has mounted: its image file, the device over it, and the filesystem. */
record MountedVolume(Path file, BlockDevice device, HammerFs fs) {

    /** Unmounts (syncing a read-write mount) and releases the file, even if the sync fails. */
    void close() {
        try {
            fs.close();
        } finally {
            device.close();
        }
    }
}
