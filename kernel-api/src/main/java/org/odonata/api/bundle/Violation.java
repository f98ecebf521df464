package org.odonata.api.bundle;

/**
 * One place where a bundle's code breaks a {@link Rule}.
 *
 * @param className the class, dotted ({@code edu.example.RrScheduler})
 * @param method    the method's name and descriptor ({@code pickNext(I)Lorg/odonata/api/sched/SchedThread;})
 * @param offset    the bytecode offset of the offending instruction in the method, or -1 for a property of the
 *                  method itself (a {@code synchronized} method)
 * @param rule      the rule it breaks
 * @param detail    what it calls or does ({@code java.lang.System.nanoTime()J})
 */
public record Violation(String className, String method, int offset, Rule rule, String detail) {

    /** {@code class.method@offset: rule — detail}, as the shell prints it. */
    @Override
    public String toString() {
        return className + "." + method + (offset >= 0 ? "@" + offset : "") + ": " + rule.id() + " — " + detail;
    }
}
