package @PACKAGE@;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.tck.Platform;
import org.odonata.tck.fs.FsKit;
import org.odonata.vfs.VfsComponent;

/**
 * The filesystem conformance kit (org.odonata:kernel-tck) against {@code @NAME@}, in a real simulated machine and
 * kernel (org.odonata:hw-x86, kern, vfs, test dependencies) whose VFS knows it beside tmpfs, the root: a process
 * mounts it on /tck and makes seeded random calls (create, write, truncate, read, mkdir, rmdir, unlink, rename,
 * link, symlink, readlink, readdir) that a model of the tree says must succeed, checking every result, every file's
 * bytes and every directory's names; a failure names the property, the seed and the call.
 */
class @Name@FsTest {

    @Test
    void passesTheFilesystemConformanceKit() {
        LockFactoryComponent locks = new LockFactoryComponent();
        FsKit.assertConforms(@Name@Type.NAME, Platform.of(new MachineFactoryComponent(), new KernelFactoryComponent(
                locks, new VfsComponent(locks, List.of(new TmpfsType(), new @Name@Type())))));
    }
}
