package org.odonata.api.capability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Put on a {@code PageoutPolicyFactory} class: bnd adds {@code Provide-Capability:
 * odonata.pageout;odonata.pageout=NAME} to the bundle, where NAME is the factory's {@code name()}.
 * Requirement: {@code odonata.pageout;filter:="(odonata.pageout=NAME)"}.
 */
@Capability(namespace = ProvidesPageout.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProvidesPageout {

    /** The capability namespace, which is also the attribute holding the policy's name. */
    String NAMESPACE = "odonata.pageout";

    /** The name the policy registers under, as {@code vm:policy use} and {@code kern:boot --vm} write it. */
    @Attribute(NAMESPACE)
    String value();
}
