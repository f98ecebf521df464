package org.odonata.fs.tmpfs;

import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FileSystemType;
import org.odonata.api.fs.MountRequest;
import org.osgi.service.component.annotations.Component;

/** Registers tmpfs as a filesystem type ({@code mount -t tmpfs none PATH}); every mount is a new, empty filesystem. */
@Component(service = FileSystemType.class, property = "name=tmpfs")
public final class TmpfsType implements FileSystemType {

    @Override
    public String name() {
        return "tmpfs";
    }

    @Override
    public String description() {
        return "DragonFly's tmpfs: files in anonymous memory pages; options size=BYTES[k|m|g], inodes=N";
    }

    @Override
    public boolean needsDevice() {
        return false;
    }

    @Override
    public FileSystem mount(MountRequest request) {
        return new TmpfsMount(request);
    }
}
