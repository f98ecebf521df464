package org.odonata.repo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Gogo's {@code install} (felix:install), returning the installed Bundle so scripts can write
 * {@code b = install file:x.jar; start $b}; the felix:install of gogo.command only prints the id. It takes over
 * that name by service ranking; a location without a URL scheme is a file path.
 */
@Component(service = InstallCommand.class, property = {
    "osgi.command.scope=felix",
    "osgi.command.function=install",
    "service.ranking:Integer=1"})
public final class InstallCommand {

    private final BundleContext context;

    @Activate
    public InstallCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("install a bundle and return it (b = install file:x.jar; start $b)")
    public Bundle install(@Descriptor("a URL, or a path to a bundle jar") String location) throws BundleException {
        return context.installBundle(url(location));
    }

    @Descriptor("install several bundles and return them")
    public List<Bundle> install(@Descriptor("URLs or paths of bundle jars") String... locations)
            throws BundleException {
        List<Bundle> out = new ArrayList<>();
        for (String l : locations) {
            out.add(install(l));
        }
        return out;
    }

    /** A URL as it is; otherwise a path, made absolute (the framework has no working directory of its own). */
    static String url(String location) {
        return location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") ? location
                : Path.of(location).toAbsolutePath().normalize().toUri().toString();
    }
}
