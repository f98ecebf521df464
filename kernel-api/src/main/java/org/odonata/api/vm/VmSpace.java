package org.odonata.api.vm;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One process's address space ({@code struct vmspace}: a {@code vm_map} and a {@code pmap}). The kernel calls it
 * on the simulated thread of an LWP of the process, passing that thread's CPU; errors are negative errno values
 * as the system calls return them. Addresses and lengths are bytes; pages are 4 KiB.
 */
@ConsumerType
public interface VmSpace {

    int PROT_NONE = 0;
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int PROT_EXEC = 4;

    int MAP_SHARED = 0x0001;
    int MAP_PRIVATE = 0x0002;
    int MAP_FIXED = 0x0010;
    int MAP_ANON = 0x1000;

    int MADV_NORMAL = 0;
    int MADV_RANDOM = 1;
    int MADV_SEQUENTIAL = 2;
    int MADV_WILLNEED = 3;
    int MADV_DONTNEED = 4;
    int MADV_FREE = 5;

    /** {@code msync} flags (Linux's values, as the file calls' flags are): write asynchronously, invalidate, wait. */
    int MS_ASYNC = 1;
    int MS_INVALIDATE = 2;
    int MS_SYNC = 4;

    /** {@code mincore} bits. */
    int MINCORE_INCORE = 0x1;
    int MINCORE_REFERENCED = 0x2;
    int MINCORE_MODIFIED = 0x4;

    /** Resource numbers of {@link #setrlimit}: DragonFly's {@code RLIMIT_RSS} and {@code RLIMIT_AS}. */
    int RLIMIT_RSS = 5;
    int RLIMIT_AS = 10;

    /** {@link #access} result: the page is not mapped with the rights asked for; the kernel calls {@link #fault}. */
    long PAGE_FAULT = -1;

    /** The process it belongs to. */
    int pid();

    /**
     * The MMU's part of one memory access to the page holding {@code va}: a TLB lookup, a page walk on a miss, the
     * accessed and modified bits. Never blocks and charges nothing.
     *
     * @return the user-mode cycles the access cost (TLB miss, page walk, the data access), or {@link #PAGE_FAULT}
     */
    long access(int cpu, long va, boolean write);

    /**
     * {@code vm_fault}: resolves a page fault at {@code va} in kernel mode on {@code cpu} (zero-fill, copy-on-write,
     * swap-in, protection upgrade), charging its cost and blocking as needed.
     *
     * @return 0 when the access can be retried, or the signal the process gets: 11 (SIGSEGV) for an address
     *         outside every mapping or a protection violation, 10 (SIGBUS) when no memory can be had or the page
     *         of a file mapping lies wholly past the end of the file
     */
    int fault(int cpu, long va, boolean write);

    /** {@code mmap} of anonymous memory ({@code MAP_ANON}); returns the address or a negative errno. */
    long mmap(int cpu, long addr, long len, int prot, int flags);

    /**
     * {@code mmap} of a file ({@code vm_mmap} with {@code OBJT_VNODE}): {@code MAP_SHARED} maps the vnode's object
     * itself, {@code MAP_PRIVATE} maps it copy-on-write; {@code offset} is in bytes, a multiple of the page size.
     * {@code writable}: the file is open for writing (else a shared mapping can never be made writable). The caller
     * has checked the open mode against {@code prot}. Returns the address or a negative errno.
     */
    default long mmapVnode(int cpu, long addr, long len, int prot, int flags, VnodePager vnode, long offset,
            boolean writable) {
        return -19;
    }

    /**
     * {@code msync} ({@code vm_map_clean}): writes the dirty pages of the shared file mappings in the range through
     * their pagers, waiting for them with {@link #MS_SYNC}; {@link #MS_INVALIDATE} also removes the range's
     * mappings. Returns 0 or a negative errno (EINVAL for bad flags or alignment, ENOMEM for an unmapped range).
     */
    default int msync(int cpu, long addr, long len, int flags) {
        return -38;
    }

    /**
     * The bytes of a user access that {@link #access} has just allowed: copies up to the end of the page holding
     * {@code va} between {@code buf[off..off+len)} and memory ({@code store}: into memory). Returns the bytes
     * copied, or {@link #PAGE_FAULT} when the page is not mapped with the rights asked for.
     */
    default int copy(int cpu, long va, byte[] buf, int off, int len, boolean store) {
        return (int) PAGE_FAULT;
    }

    int munmap(int cpu, long addr, long len);

    int mprotect(int cpu, long addr, long len, int prot);

    int madvise(int cpu, long addr, long len, int advice);

    /** Sets the end of the data segment; {@code addr} 0 asks for it. Returns the new break or a negative errno. */
    long brk(int cpu, long addr);

    /** Fills one {@code MINCORE_*} byte per page of the range into {@code vec}; returns 0 or a negative errno. */
    int mincore(int cpu, long addr, long len, byte[] vec);

    /** Sets a limit ({@link #RLIMIT_RSS} in bytes: enforced by local replacement; {@link #RLIMIT_AS} in bytes). */
    int setrlimit(int resource, long max);

    /** {@code vmspace_fork}: the child's address space, private mappings copy-on-write, shared ones shared. */
    VmSpace fork(int cpu, int childPid);

    /** {@code vmspace_exit}: unmaps everything and frees what only this space used. */
    void exit(int cpu);

    /**
     * For trace replays only: the process's future references, which Belady's {@code opt} policy reads. A real
     * kernel has no such call.
     */
    void declareFuture(AccessFuture future);

    /** Pages of this space resident now (its RSS, page-table pages excluded). */
    long residentPages();

    /** Bytes mapped. */
    long mappedBytes();
}
