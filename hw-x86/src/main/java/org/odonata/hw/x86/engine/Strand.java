package org.odonata.hw.x86.engine;

/**
 * How one simulated thread's Java stack is suspended and resumed: the only thing the two engines do
 * differently. Exactly one side runs at a time: the event loop inside {@link #resume()}, or the simulated
 * thread between its resumes.
 */
interface Strand {

    /**
     * Called by the event loop: runs the thread until it calls {@link #suspend()} or its body returns.
     *
     * @return true when the body has returned (it never throws: the engine wraps it)
     */
    boolean resume();

    /** Called on the simulated thread: hands control back to the event loop until the next resume. */
    void suspend();
}
