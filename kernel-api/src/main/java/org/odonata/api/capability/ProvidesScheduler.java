package org.odonata.api.capability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;

/**
 * Put on a {@code UserSchedulerFactory} class: bnd adds {@code Provide-Capability:
 * odonata.scheduler;odonata.scheduler=NAME} to the bundle, where NAME is the factory's {@code name()}.
 * Requirement: {@code odonata.scheduler;filter:="(odonata.scheduler=NAME)"}.
 */
@Capability(namespace = ProvidesScheduler.NAMESPACE)
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProvidesScheduler {

    /** The capability namespace, which is also the attribute holding the scheduler's name. */
    String NAMESPACE = "odonata.scheduler";

    /** The name the scheduler registers under, as {@code sched:use} and specs write it. */
    @Attribute(NAMESPACE)
    String value();
}
