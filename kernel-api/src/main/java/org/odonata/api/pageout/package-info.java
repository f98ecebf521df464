/**
 * The page-replacement SPI: which resident page the VM evicts next. The VM owns the mechanism (faults, laundering
 * dirty pages to swap, unmapping with TLB shootdowns, the free and cache queues, DragonFly's pageout thresholds);
 * a {@link PageoutPolicy} only orders the resident pages of one pool. A simple policy is four methods.
 */
@Export
@Version("1.0.0")
package org.odonata.api.pageout;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
