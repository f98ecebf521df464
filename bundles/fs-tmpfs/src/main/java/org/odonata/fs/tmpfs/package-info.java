/** DragonFly's tmpfs ({@code sys/vfs/tmpfs}): a memory filesystem whose file data lives in anonymous pages */
/** taken from the machine's physical memory, behind the filesystem SPI. */
package org.odonata.fs.tmpfs;
