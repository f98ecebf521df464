/**
 * What a metric measures: its kind (count, rate, duration, fraction, cycles, bytes) and unit, declared where the
 * metric is defined, so tables, charts and result files print it with its unit ({@code 17.7 M msg/s}, {@code 42.1 µs}).
 */
@Export
@Version("1.0.0")
package org.odonata.api.metric;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
