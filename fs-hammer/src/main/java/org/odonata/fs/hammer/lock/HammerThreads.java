package org.odonata.fs.hammer.lock;

/**
 * What HAMMER's locks need from the kernel it runs in: the calling thread ({@code curthread}) and tsleep/wakeup
 * on an identity. Inside a simulated kernel the VFS adapter passes the kernel's (its {@code VfsHost} has all four);
 * outside one, {@link #single()} serves a single caller. Every method acts for the calling thread.
 */
public interface HammerThreads {

    /** The calling thread's identity, never 0. */
    long curthread();

    /** A fresh identity to sleep on. */
    long newIdent();

    /** Sleeps the calling thread until a {@link #wakeup} on {@code ident}; the caller rechecks its condition. */
    void tsleep(long ident, String wmesg);

    /** Wakes every thread sleeping on {@code ident}. */
    void wakeup(long ident);

    /**
     * One caller at a time, outside any simulation (the hammer: shell, tools, unit tests): a lock it would have to
     * sleep on is one it holds itself and would never get, so sleeping fails with {@link IllegalStateException}
     * instead of hanging.
     */
    static HammerThreads single() {
        return new HammerThreads() {
            private long idents;

            @Override
            public long curthread() {
                return 1;
            }

            @Override
            public long newIdent() {
                return ++idents;
            }

            @Override
            public void tsleep(long ident, String wmesg) {
                throw new IllegalStateException("HAMMER would sleep on '" + wmesg + "' but runs with a single caller:"
                        + " the lock is held by that caller itself");
            }

            @Override
            public void wakeup(long ident) {
            }
        };
    }
}
