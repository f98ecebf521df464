package org.odonata.fs.hammer.vfs;

import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FileSystemType;
import org.odonata.api.fs.MountRequest;
import org.odonata.api.sync.LockFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers HAMMER as a filesystem type ({@code mount -t hammer DEVICE PATH}) that runs in the kernel on one of the
 * machine's disks; a blank disk is formatted first when the mount asks for it (the root at boot).
 */
@Component(service = FileSystemType.class, property = "name=hammer")
public final class HammerType implements FileSystemType {

    private final LockFactory locks;

    @Activate
    public HammerType(@Reference LockFactory locks) {
        this.locks = locks;
    }

    @Override
    public String name() {
        return "hammer";
    }

    @Override
    public String description() {
        return "HAMMER: B-tree with history, UNDO/REDO recovery, flusher threads; on a disk (made at boot if blank)";
    }

    @Override
    public boolean needsDevice() {
        return true;
    }

    @Override
    public FileSystem mount(MountRequest request) {
        return new HammerMount(request, locks);
    }
}
