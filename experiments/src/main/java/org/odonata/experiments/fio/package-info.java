/** fio job files (a documented subset of fio's ini format) as a workload: jobs as processes doing file I/O */
/** through the kernel's VFS, reporting fio's own metrics (IOPS, bandwidth, completion-latency percentiles). */
package org.odonata.experiments.fio;
