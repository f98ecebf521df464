/** Open files ({@code struct file}) and their operations: vnodes ({@code vfs_vnops.c}) and pipes */
/** ({@code sys_pipe.c}), and per-process descriptor tables ({@code struct filedesc}, {@code kern_descrip.c}). */
package org.odonata.vfs.file;
