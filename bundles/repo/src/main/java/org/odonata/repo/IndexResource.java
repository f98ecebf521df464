package org.odonata.repo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.Version;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * A bundle listed in an R5 repository index: its capabilities and requirements as the index states them, and
 * where its jar is ({@code osgi.content}: URL and SHA-256). Identity equality: the resolver keys maps on it.
 */
final class IndexResource implements Resource {

    /** R5's content namespace: the jar's SHA-256 is the attribute named like the namespace. */
    static final String CONTENT = "osgi.content";

    private final List<Capability> capabilities = new ArrayList<>();
    private final List<Requirement> requirements = new ArrayList<>();
    private URI url;
    private String sha256;

    void add(String namespace, Map<String, Object> attributes, Map<String, String> directives, boolean capability) {
        if (capability) {
            capabilities.add(new Cap(namespace, attributes, directives));
            if (CONTENT.equals(namespace) && url == null) {
                sha256 = String.valueOf(attributes.get(CONTENT)).toLowerCase(Locale.ROOT);
                url = URI.create(String.valueOf(attributes.get("url")));
            }
        } else {
            requirements.add(new Req(namespace, attributes, directives));
        }
    }

    /** Resolves the content URL against the index's own location (indexes written by bnd are relative). */
    void locate(URI index) {
        if (url != null) {
            url = index.resolve(url);
        }
    }

    URI url() {
        return url;
    }

    String sha256() {
        return sha256;
    }

    String symbolicName() {
        return String.valueOf(identity().getAttributes().get(IdentityNamespace.IDENTITY_NAMESPACE));
    }

    Version version() {
        return (Version) identity().getAttributes().getOrDefault(IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE,
                Version.emptyVersion);
    }

    boolean isBundle() {
        return IdentityNamespace.TYPE_BUNDLE.equals(identity().getAttributes().get(
                IdentityNamespace.CAPABILITY_TYPE_ATTRIBUTE));
    }

    private Capability identity() {
        return capabilities.stream().filter(c -> IdentityNamespace.IDENTITY_NAMESPACE.equals(c.getNamespace()))
                .findFirst().orElseThrow(() -> new IllegalStateException("a resource without osgi.identity"));
    }

    @Override
    public List<Capability> getCapabilities(String namespace) {
        return capabilities.stream().filter(c -> namespace == null || namespace.equals(c.getNamespace())).toList();
    }

    @Override
    public List<Requirement> getRequirements(String namespace) {
        return requirements.stream().filter(r -> namespace == null || namespace.equals(r.getNamespace())).toList();
    }

    @Override
    public String toString() {
        return symbolicName() + " " + version();
    }

    /** A capability or requirement as the index states it: namespace, attributes, directives, this resource. */
    private abstract class Clause {
        private final String namespace;
        private final Map<String, Object> attributes;
        private final Map<String, String> directives;

        Clause(String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            this.namespace = namespace;
            this.attributes = Map.copyOf(attributes);
            this.directives = Map.copyOf(directives);
        }

        public String getNamespace() {
            return namespace;
        }

        public Map<String, String> getDirectives() {
            return directives;
        }

        public Map<String, Object> getAttributes() {
            return attributes;
        }

        public Resource getResource() {
            return IndexResource.this;
        }

        @Override
        public String toString() {
            return namespace + attributes + directives;
        }
    }

    private final class Cap extends Clause implements Capability {
        Cap(String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            super(namespace, attributes, directives);
        }
    }

    private final class Req extends Clause implements Requirement {
        Req(String namespace, Map<String, Object> attributes, Map<String, String> directives) {
            super(namespace, attributes, directives);
        }
    }
}
