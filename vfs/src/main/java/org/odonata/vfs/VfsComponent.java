package org.odonata.vfs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.odonata.api.fs.FileSystemType;
import org.odonata.api.sync.LockFactory;
import org.odonata.api.vfs.Vfs;
import org.odonata.api.vfs.VfsFactory;
import org.odonata.api.vfs.VfsHost;
import org.odonata.vfs.core.FsTypes;
import org.odonata.vfs.core.VfsCore;
import org.odonata.vfs.host.Host;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers the VFS as the {@link VfsFactory} service: one {@link SimVfs} per booted kernel, mounting the
 * {@link FileSystemType} services registered at the time of each mount (a filesystem bundle that goes away can no
 * longer be mounted; what is mounted keeps running on the classes it was loaded with until unmounted).
 */
@Component(service = VfsFactory.class)
public final class VfsComponent implements VfsFactory, FsTypes {

    private final LockFactory locks;
    private final Map<String, FileSystemType> types = new ConcurrentSkipListMap<>();

    @Activate
    public VfsComponent(@Reference LockFactory locks) {
        this.locks = locks;
    }

    /** Outside OSGi: a VFS with exactly these filesystem types. */
    public VfsComponent(LockFactory locks, List<FileSystemType> fixed) {
        this(locks);
        fixed.forEach(this::addType);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addType(FileSystemType type) {
        types.put(type.name(), type);
    }

    void removeType(FileSystemType type) {
        types.remove(type.name(), type);
    }

    @Override
    public Vfs create(VfsHost host) {
        return new SimVfs(new VfsCore(new Host(host, locks), this));
    }

    @Override
    public FileSystemType find(String name) {
        return types.get(name);
    }

    @Override
    public List<String> names() {
        return List.copyOf(new TreeMap<>(types).keySet());
    }

    @Override
    public List<String> types() {
        return names();
    }
}
