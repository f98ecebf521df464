/** Crash enumeration (CrashMonkey/ACE): record a workload's writes and flushes, enumerate every disk a power
 * cut could leave, and check that the filesystem recovers each one to a state its fsyncs and syncs promised. */
package org.odonata.fs.hammer.crash;
