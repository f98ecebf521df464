package org.odonata.repo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolveContext;

/**
 * What the OSGi Resolver (Felix's, a service of the system bundle) sees when {@code repo:install} asks for one
 * resource of an index: the bundles already installed, with their wirings, and the index's resources. Installed
 * providers come first, then the index's by highest version, so nothing is installed twice.
 */
final class IndexResolveContext extends ResolveContext {

    private final Resource wanted;
    private final List<IndexResource> index;
    private final Map<Resource, Wiring> wirings = new HashMap<>();
    private final List<Resource> installed = new ArrayList<>();

    IndexResolveContext(Resource wanted, List<IndexResource> index, Bundle[] bundles) {
        this.wanted = wanted;
        this.index = index.stream().filter(IndexResource::isBundle)
                .sorted(Comparator.comparing(IndexResource::version).reversed()).toList();
        for (Bundle b : bundles) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (revision == null || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            installed.add(revision);
            BundleWiring wiring = revision.getWiring();
            if (wiring != null) {
                wirings.put(revision, wiring);
            }
        }
    }

    @Override
    public Collection<Resource> getMandatoryResources() {
        return List.of(wanted);
    }

    @Override
    public List<Capability> findProviders(Requirement requirement) {
        Filter filter = filter(requirement);
        List<Capability> out = new ArrayList<>();
        for (Resource r : installed) {
            Wiring w = wirings.get(r);
            List<Capability> caps = w != null ? w.getResourceCapabilities(requirement.getNamespace())
                    : r.getCapabilities(requirement.getNamespace());
            caps.stream().filter(c -> matches(filter, c)).forEach(out::add);
        }
        for (IndexResource r : index) {
            if (!installedAlready(r)) {
                r.getCapabilities(requirement.getNamespace()).stream().filter(c -> matches(filter, c))
                        .forEach(out::add);
            }
        }
        return out;
    }

    @Override
    public int insertHostedCapability(List<Capability> capabilities, HostedCapability hostedCapability) {
        capabilities.add(hostedCapability);
        return capabilities.size() - 1;
    }

    @Override
    public boolean isEffective(Requirement requirement) {
        String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
        return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
    }

    @Override
    public Map<Resource, Wiring> getWirings() {
        return wirings;
    }

    /** A bundle of the same name and version is installed: the index's copy is not offered. */
    private boolean installedAlready(IndexResource r) {
        return installed.stream().anyMatch(i -> i instanceof BundleRevision b
                && r.symbolicName().equals(b.getSymbolicName()) && r.version().equals(b.getVersion()));
    }

    private static Filter filter(Requirement requirement) {
        String f = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        try {
            return f == null ? null : FrameworkUtil.createFilter(f);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("requirement " + requirement + " of " + requirement.getResource()
                    + " has a bad filter: " + e.getMessage(), e);
        }
    }

    private static boolean matches(Filter filter, Capability c) {
        return filter == null || filter.matches(c.getAttributes());
    }
}
