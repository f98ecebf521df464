package org.odonata.probe.boot;

/** Receives the woven methods' entries and exits, by site (one woven method). Implemented by the probe bundle. */
public interface Dispatcher {

    /** Returns the virtual time at entry, or {@link ProbeDispatch#NOT_TIMED} to ignore this call. */
    long enter(int site);

    void exit(int site, long start, Object[] args, Object ret, Throwable thrown);
}
