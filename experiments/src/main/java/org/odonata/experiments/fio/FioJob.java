package org.odonata.experiments.fio;

/**
 * One job of a fio job file, with every option resolved ({@code [global]} applied, defaults filled in).
 *
 * @param name       the section name
 * @param rw         the I/O pattern
 * @param rwmixread  percentage of reads in a mixed pattern
 * @param bs         block size in bytes
 * @param size       bytes of file each job works on
 * @param numjobs    clones of this job, each a process with its own file (unless {@code filename} is shared)
 * @param ioengine   {@code psync} (pread/pwrite) or {@code sync} (lseek plus read/write)
 * @param fsync      issue an fsync after this many writes (0: never)
 * @param runtimeNanos limit on the job's run time in virtual ns, or 0 for none
 * @param timeBased  keep going over the same file until the runtime (or the trial) ends
 * @param filename   the file every clone shares, or null for one file per clone
 * @param directory  where the files are
 */
public record FioJob(String name, Rw rw, int rwmixread, int bs, long size, int numjobs, String ioengine, int fsync,
        long runtimeNanos, boolean timeBased, String filename, String directory) {

    /** fio's {@code rw=} values. */
    public enum Rw {
        READ(true, false, false), WRITE(false, true, false), RANDREAD(true, false, true),
        RANDWRITE(false, true, true), RW(true, true, false), RANDRW(true, true, true);

        public final boolean reads;
        public final boolean writes;
        public final boolean random;

        Rw(boolean reads, boolean writes, boolean random) {
            this.reads = reads;
            this.writes = writes;
            this.random = random;
        }
    }

    /** fio's file name for clone {@code clone}: {@code filename}, or {@code directory/name.clone.0}. */
    public String file(int clone) {
        String dir = directory.endsWith("/") ? directory : directory + "/";
        return filename != null ? (filename.startsWith("/") ? filename : dir + filename)
                : dir + name + "." + clone + ".0";
    }
}
