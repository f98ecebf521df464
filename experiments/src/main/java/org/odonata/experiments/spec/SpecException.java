package org.odonata.experiments.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec was rejected before anything ran; carries every error found, in file order. */
public final class SpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<SpecError> errors;

    public SpecException(List<SpecError> errors) {
        super(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the experiment spec:\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
