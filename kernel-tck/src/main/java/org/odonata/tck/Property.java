package org.odonata.tck;

/**
 * A named property a kit checks against an implementation. {@link #check} returns what it checked, or throws an
 * {@link AssertionError} saying what went wrong; any other exception is the implementation's and fails the
 * property too.
 *
 * @param name  short name, as reports print it
 * @param check the check
 */
public record Property(String name, Check check) {

    @FunctionalInterface
    public interface Check {
        /** @return one line on what was checked */
        String run() throws Exception;
    }

    /** Runs the check and turns its outcome into a result, never throwing. */
    public PropertyResult evaluate() {
        try {
            return new PropertyResult(name, Verdict.PASS, check.run());
        } catch (NotClaimed n) {
            return new PropertyResult(name, Verdict.NOT_CLAIMED, n.getMessage());
        } catch (Skipped s) {
            return new PropertyResult(name, Verdict.SKIPPED, s.getMessage());
        } catch (AssertionError | Exception | LinkageError | StackOverflowError e) {
            return new PropertyResult(name, Verdict.FAIL, failure(e));
        }
    }

    /**
     * What went wrong: a check's own message, even when a simulated thread's failure wraps it; otherwise the
     * implementation's exception (the innermost cause) and where it was thrown.
     */
    private static String failure(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AssertionError) {
                return t.getMessage();
            }
            root = t;
        }
        StackTraceElement[] trace = root.getStackTrace();
        return "the implementation threw " + root + (trace.length == 0 ? "" : " at " + trace[0]);
    }

    /** Thrown by a check whose property the implementation does not claim. */
    public static final class NotClaimed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotClaimed(String why) {
            super(why, null, false, false);
        }
    }

    /** Thrown by a check that cannot run here. */
    public static final class Skipped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Skipped(String why) {
            super(why, null, false, false);
        }
    }
}
