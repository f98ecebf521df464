package org.odonata.shell;

import org.odonata.command.PlainMessage;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Errors the framework reports on its own (a bundle that fails to start while the start level rises, an exception
 * in a listener) as one plain line on stderr, naming the bundle. The distribution turns Felix's own logging off
 * ({@code felix.log.level=0}): it prints a stack trace for every error, including ones a command has already
 * reported to the user.
 */
@Component(service = {}, immediate = true)
public final class FrameworkErrors implements FrameworkListener {

    private BundleContext context;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        ctx.addFrameworkListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeFrameworkListener(this);
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.ERROR && event.getType() != FrameworkEvent.WARNING) {
            return;
        }
        Bundle b = event.getBundle();
        System.err.println((event.getType() == FrameworkEvent.ERROR ? "framework error" : "framework warning")
                + (b == null ? "" : " in bundle " + b.getSymbolicName() + " (" + b.getBundleId() + ")") + ": "
                + (event.getThrowable() == null ? "(no detail)" : PlainMessage.of(event.getThrowable())));
    }
}
