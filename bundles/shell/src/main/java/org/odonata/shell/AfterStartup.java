package org.odonata.shell;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Starts a body on a thread of its own once the framework has started, exactly once. Started means every
 * installed bundle's start level has been reached: the bnd launcher raises the level after the framework is
 * ACTIVE, and Gogo's shell (with echo, each, grep) starts at the last level.
 */
final class AfterStartup implements FrameworkListener {

    private final BundleContext context;
    private final String threadName;
    private final Runnable body;
    private boolean started;

    private AfterStartup(BundleContext context, String threadName, Runnable body) {
        this.context = context;
        this.threadName = threadName;
        this.body = body;
    }

    static AfterStartup run(BundleContext context, String threadName, Runnable body) {
        AfterStartup a = new AfterStartup(context, threadName, body);
        context.addFrameworkListener(a);
        if (a.frameworkStarted()) {
            a.startOnce();
        }
        return a;
    }

    void cancel() {
        context.removeFrameworkListener(this);
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED || frameworkStarted()) {
            startOnce();
        }
    }

    private boolean frameworkStarted() {
        Bundle system = context.getBundle(0);
        int highest = 1;
        for (Bundle b : context.getBundles()) {
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            if (level != null) {
                highest = Math.max(highest, level.getStartLevel());
            }
        }
        return system.getState() == Bundle.ACTIVE
                && system.adapt(FrameworkStartLevel.class).getStartLevel() >= highest;
    }

    private synchronized void startOnce() {
        if (!started) {
            started = true;
            new Thread(body, threadName).start();
        }
    }
}
