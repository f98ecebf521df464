/**
 * Block devices backed by memory or a host file, with disk service models,
 * a volatile write cache, flush and FUA; requests can block the caller or complete asynchronously.
 */
@Export
@Version("1.2.0")
package org.odonata.api.block;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
