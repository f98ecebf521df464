package org.odonata.experiments.spec;

/**
 * One thing wrong with a spec: where (file, 1-based line and column), which field (a key path such as
 * {@code variants[1].sched}) and what was expected.
 */
public record SpecError(String file, int line, int column, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + field + ": " + message;
    }
}
