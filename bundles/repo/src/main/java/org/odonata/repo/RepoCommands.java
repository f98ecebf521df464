package org.odonata.repo;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.repo.InstalledBundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code repo:} commands: OSGi R5 repository indexes (what bnd's indexer writes; the build writes one for the
 * distribution, {@code bundles/dist/target/repository/index.xml}) to install subsystem bundles from, resolved
 * with the framework's OSGi Resolver against what is installed.
 */
@Component(service = RepoCommands.class, immediate = true, property = {
    "osgi.command.scope=repo",
    "osgi.command.function=add",
    "osgi.command.function=list",
    "osgi.command.function=install",
    "osgi.command.function=bundles"})
public final class RepoCommands {

    private final Installer installer;
    private final List<RepositoryIndex> repositories = new CopyOnWriteArrayList<>();

    @Activate
    public RepoCommands(@Reference Installer installer) {
        this.installer = installer;
    }

    @Descriptor("add an OSGi R5 repository index (index.xml or index.xml.gz) by URL or path")
    public String add(@Descriptor("URL or path of the index") String location) {
        URI uri = URI.create(InstallCommand.url(location));
        RepositoryIndex index = RepositoryIndex.read(uri);
        repositories.removeIf(r -> r.location().equals(uri));
        repositories.add(index);
        return "repository " + index.name() + ": " + index.resources().size() + " resources (" + uri + ")";
    }

    @Descriptor("list the repositories and their bundles, with the schedulers and tokens each provides")
    public String list() {
        if (repositories.isEmpty()) {
            return "no repositories; repo:add URL|FILE";
        }
        StringBuilder out = new StringBuilder();
        for (RepositoryIndex r : repositories) {
            out.append(r.name()).append("  ").append(r.location()).append('\n');
            r.resources().stream().filter(IndexResource::isBundle)
                    .sorted(Comparator.comparing(IndexResource::symbolicName).thenComparing(IndexResource::version))
                    .forEach(b -> out.append(String.format(Locale.ROOT, "  %-44s %-18s %s%n", b.symbolicName(),
                            b.version(), provides(b))));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("install a bundle from the repositories, with what it needs, verified and started")
    public String install(
            @Descriptor("install even if the bundle verifier refuses it (recorded in config.json)")
            @Parameter(names = "--unsafe", presentValue = "true", absentValue = "false") boolean unsafe,
            @Descriptor("a Bundle-SymbolicName, or a capability such as odonata.scheduler=rr") String name,
            @Descriptor("a version or version range, e.g. 1.2 or [1.2,2)") String... version) {
        if (version.length > 1) {
            throw new IllegalArgumentException("repo:install NAME [VERSION]: one version at most");
        }
        if (repositories.isEmpty()) {
            throw new IllegalArgumentException("no repositories to install from; repo:add URL|FILE first");
        }
        String v = version.length == 0 ? null : version[0];
        RepositoryIndex from = repositories.stream().filter(r -> r.find(name, v).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(repositories.stream().map(r -> r.miss(name, v))
                        .collect(Collectors.joining("\n"))));
        return installer.install(from.location(), name, v, unsafe).stream()
                .map(b -> "installed " + b.symbolicName() + " " + b.version() + " [" + b.id() + "] sha256 "
                        + b.sha256() + ", " + b.verdict())
                .collect(Collectors.joining("\n"));
    }

    @Descriptor("every installed bundle: id, name, version, SHA-256, verdict, location (what config.json records)")
    public String bundles() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%4s %-36s %-16s %-12s %s%n", "ID", "NAME",
                "VERSION", "SHA-256", "VERDICT / LOCATION"));
        for (InstalledBundle b : installer.installed()) {
            out.append(String.format(Locale.ROOT, "%4d %-36s %-16s %-12s %s%n     %s%n", b.id(), b.symbolicName(),
                    b.version(), b.sha256() == null ? "-" : b.sha256().substring(0, 12), b.verdict(), b.location()));
        }
        return out.toString().stripTrailing();
    }

    /** The named capabilities a bundle advertises (odonata.scheduler=rr, odonata.tokens=…). */
    private static String provides(IndexResource b) {
        List<String> names = new ArrayList<>();
        for (String ns : List.of(ProvidesScheduler.NAMESPACE, ProvidesTokens.NAMESPACE)) {
            b.getCapabilities(ns).forEach(c -> names.add(ns + "=" + c.getAttributes().get(ns)));
        }
        return String.join(", ", names);
    }
}
