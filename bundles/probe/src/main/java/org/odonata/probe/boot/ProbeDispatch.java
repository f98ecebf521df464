package org.odonata.probe.boot;

/**
 * The one class woven code calls: the probe bundle copies it, with {@link Dispatcher}, into the boot class path
 * and the framework boot-delegates this package, so a class of any bundle, loaded before or after, reaches it
 * without an import. With no dispatcher (every probe removed, or the bundle stopped) each call returns at once.
 */
public final class ProbeDispatch {

    /** What entry returns when no probe is listening: the exit then records nothing. */
    public static final long NOT_TIMED = Long.MIN_VALUE;

    private static volatile Dispatcher dispatcher;
    private static volatile long failures;

    private ProbeDispatch() {
    }

    public static void install(Dispatcher d) {
        dispatcher = d;
    }

    public static Dispatcher installed() {
        return dispatcher;
    }

    /** Called on entry to a woven method; returns the virtual time, or {@link #NOT_TIMED}. */
    public static long enter(int site) {
        Dispatcher d = dispatcher;
        return d == null ? NOT_TIMED : d.enter(site);
    }

    /**
     * Called on every exit of a woven method, normal or by a throwable. Whatever the bookkeeping throws stays
     * here: a probe must never change what the probed method does.
     */
    public static void exit(int site, long start, Object[] args, Object ret, Throwable thrown) {
        Dispatcher d = dispatcher;
        if (d != null && start != NOT_TIMED) {
            try {
                d.exit(site, start, args, ret, thrown);
            } catch (RuntimeException | LinkageError e) {
                failures++;
            }
        }
    }

    /** Bookkeeping failures swallowed so far (never expected; reported by probe:show). */
    public static long failures() {
        return failures;
    }
}
