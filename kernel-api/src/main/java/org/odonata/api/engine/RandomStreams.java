package org.odonata.api.engine;

import java.util.random.RandomGenerator;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Random streams derived from one seed by stable names ({@code seed ⊕ hash("sched.dfly")}), so adding a
 * stream never shifts the values another stream draws.
 */
@ProviderType
public interface RandomStreams {

    long seed();

    /** The stream of this name; the same name always returns the same stream object. */
    RandomGenerator stream(String name);
}
