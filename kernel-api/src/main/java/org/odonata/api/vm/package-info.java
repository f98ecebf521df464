/**
 * The VM SPI between the kernel core and the VM bundle: what the kernel offers the VM ({@link VmHost}), one VM per
 * kernel ({@link Vm}, made by a {@link VmFactory} service), each process's address space ({@link VmSpace}), and the
 * vnode pager between the VM and the VFS ({@link VnodePager}, {@link VnodeObject}).
 */
@Export
@Version("1.1.0")
package org.odonata.api.vm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
