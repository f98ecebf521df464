/**
 * The cost model: what each hardware operation costs in cycles at the machine's frequency.
 */
@Export
@Version("1.1.0")
package org.odonata.api.cost;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
