package org.odonata.repo;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;

/**
 * Lets Gogo pass a Bundle where a command wants a bundle id as text, so {@code b = install x.jar; start $b} works:
 * gogo.command's {@code start} takes ids or URLs as strings, and a Bundle's own toString is neither.
 */
@Component(property = "osgi.converter.classes=org.osgi.framework.Bundle")
public final class BundleIdConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return desiredType == String.class && in instanceof Bundle b ? Long.toString(b.getBundleId()) : null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        return null;
    }
}
