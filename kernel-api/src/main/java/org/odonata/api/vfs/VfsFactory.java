package org.odonata.api.vfs;

import org.osgi.annotation.versioning.ProviderType;

/** Registered as a service by the VFS bundle; gives each booted kernel its own {@link Vfs}. */
@ProviderType
public interface VfsFactory {

    /** A VFS for the kernel behind {@code host}, with nothing mounted yet. */
    Vfs create(VfsHost host);

    /** The filesystem types registered now, by name, sorted (to check a boot request up front). */
    java.util.List<String> types();
}
