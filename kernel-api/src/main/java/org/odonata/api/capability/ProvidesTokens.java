package org.odonata.api.capability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Put on a {@code TokenAlgorithmFactory} class: bnd adds {@code Provide-Capability:
 * odonata.tokens;odonata.tokens=NAME} to the bundle, where NAME is the factory's {@code name()}.
 * Requirement: {@code odonata.tokens;filter:="(odonata.tokens=NAME)"}.
 */
@Capability(namespace = ProvidesTokens.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProvidesTokens {

    /** The capability namespace, which is also the attribute holding the implementation's name. */
    String NAMESPACE = "odonata.tokens";

    /** The name the implementation registers under, as {@code sync:use} and specs write it. */
    @Attribute(NAMESPACE)
    String value();
}
