/** HAMMER behind the VFS's filesystem SPI: a mount running in the kernel on a machine's disk, its I/O through the */
/** buffer cache, its flusher a kernel thread, its locks the kernel's; HammerFs below it, unchanged for hammer: commands. */
package org.odonata.fs.hammer.vfs;
