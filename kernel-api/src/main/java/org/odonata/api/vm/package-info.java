/**
 * The VM SPI between the kernel core and the VM bundle: what the kernel offers the VM ({@link VmHost}), one VM per
 * kernel ({@link Vm}, made by a {@link VmFactory} service), and each process's address space ({@link VmSpace}).
 */
@Export
@Version("1.0.0")
package org.odonata.api.vm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
