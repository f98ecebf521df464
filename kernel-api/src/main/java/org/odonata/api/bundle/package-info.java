/**
 * Checking a subsystem bundle before any of its classes runs: the bytecode verifier's rules, its verdicts and
 * the violations they list (what sched_ext's BPF verifier does, for Java).
 */
@Export
@Version("1.0.0")
package org.odonata.api.bundle;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
