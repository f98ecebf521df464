/**
 * Network links between simulated machines: latency, bandwidth and in-order delivery.
 */
@Export
@Version("1.0.0")
package org.odonata.api.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
