/** Errors of the HAMMER filesystem: errno-like failures of file operations and corruption found on disk. */
/** Corruption always names the structure, its offset and the check that failed. */
package org.odonata.fs.hammer.error;
