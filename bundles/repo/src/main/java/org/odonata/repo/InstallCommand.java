package org.odonata.repo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo's {@code install} (felix:install), returning the installed Bundle so scripts can write
 * {@code b = install x.jar; start $b}; gogo.command's own only prints the id. It takes over that name by service
 * ranking. The jar is verified before the framework sees it, and its SHA-256 and verdict are recorded.
 */
@Component(service = InstallCommand.class, property = {
    "osgi.command.scope=felix",
    "osgi.command.function=install",
    "service.ranking:Integer=1"})
public final class InstallCommand {

    private final Installer installer;

    @Activate
    public InstallCommand(@Reference Installer installer) {
        this.installer = installer;
    }

    @Descriptor("install bundles (not started) and return them: b = install x.jar; start $b")
    public Object install(
            @Descriptor("install even if the bundle verifier refuses it (recorded in config.json)")
            @Parameter(names = "--unsafe", presentValue = "true", absentValue = "false") boolean unsafe,
            @Descriptor("URLs, or paths of bundle jars") String... locations) {
        if (locations.length == 0) {
            throw new IllegalArgumentException("install needs a URL or a path: install [--unsafe] x.jar");
        }
        List<Bundle> out = new ArrayList<>();
        for (String l : locations) {
            out.add(installer.install(url(l), unsafe));
        }
        return out.size() == 1 ? out.get(0) : out;
    }

    /** A URL as it is; otherwise a path, made absolute (the framework has no working directory of its own). */
    static String url(String location) {
        return location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") ? location
                : Path.of(location).toAbsolutePath().normalize().toUri().toString();
    }
}
