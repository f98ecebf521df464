package @PACKAGE@;

import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FileSystemType;
import org.odonata.api.fs.MountRequest;
import org.osgi.service.component.annotations.Component;

/**
 * Registers {@code @NAME@} as a filesystem type, so {@code fs:mount @NAME@ none /mnt}, {@code kern:boot --rootfs
 * @NAME@} and {@code tck:run fs @NAME@} find it; every mount is a new, empty {@link @Name@Mount}.
 */
@Component(service = FileSystemType.class, property = "name=" + @Name@Type.NAME)
public final class @Name@Type implements FileSystemType {

    static final String NAME = "@NAME@";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "@NAME@: files in memory, no device (from ./odonata new)";
    }

    @Override
    public boolean needsDevice() {
        return false;
    }

    @Override
    public FileSystem mount(MountRequest request) {
        return new @Name@Mount(request.host());
    }
}
