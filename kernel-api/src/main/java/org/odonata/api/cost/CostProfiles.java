package org.odonata.api.cost;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cost profiles: the files {@code hw:calibrate} writes from measurements of a real host, read into the
 * {@link CostModel} they describe. A spec's {@code machine.costs.profile} and {@code kern:boot --costs} read them
 * through the same reader, with the same messages.
 */
@ProviderType
public interface CostProfiles {

    /**
     * The cost model the profile at {@code file} describes; fields it does not list keep the preset's value.
     *
     * @throws IllegalArgumentException when the file is missing or wrong: one line per problem,
     *                                  {@code FILE:LINE:COLUMN: FIELD: what was expected}
     */
    CostModel load(Path file);
}
