package org.odonata.repo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.odonata.api.bundle.BundleVerifier;
import org.odonata.api.repo.BundleInstaller;
import org.odonata.api.repo.InstalledBundle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.Resolver;

/**
 * Installs bundles from jars and from R5 indexes, verifying each before the framework sees it, and remembers each
 * one's SHA-256, location and verdict. Bundles installed some other way (the launcher's, other code's) get their
 * SHA-256 from their location when it can be read again.
 */
@Component(service = {BundleInstaller.class, Installer.class})
public final class Installer implements BundleInstaller {

    /** Where a bundle came from and what the verifier said, for the bundles installed through here. */
    private record Provenance(String sha256, String location, String verdict) {
    }

    private final BundleContext context;
    private final Resolver resolver;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BundleVerifier verifier;
    private final Map<Long, Provenance> provenance = new ConcurrentHashMap<>();

    @Activate
    public Installer(BundleContext context, @Reference Resolver resolver) {
        this.context = context;
        this.resolver = resolver;
    }

    @Override
    public InstalledBundle install(Path jar, boolean unsafe) {
        Bundle b = install(read(jar), jar.toAbsolutePath().normalize().toUri().toString(), unsafe);
        start(b);
        return record(b);
    }

    @Override
    public List<InstalledBundle> install(URI index, String name, String version, boolean unsafe) {
        RepositoryIndex repo = RepositoryIndex.read(index);
        IndexResource wanted = repo.find(name, version).orElseThrow(() -> new IllegalArgumentException(
                repo.miss(name, version)));
        Optional<Bundle> present = bundle(wanted.symbolicName(), wanted.version());
        if (present.isPresent()) {
            start(present.get());
            return List.of(record(present.get()));
        }
        Map<Resource, List<Wire>> resolution;
        try {
            resolution = resolver.resolve(new IndexResolveContext(wanted, repo.resources(), context.getBundles()));
        } catch (ResolutionException e) {
            throw new IllegalArgumentException("cannot resolve " + wanted + " from " + repo.name() + ": "
                    + e.getMessage(), e);
        }
        List<IndexResource> missing = new ArrayList<>();
        resolution.keySet().stream().filter(r -> r instanceof IndexResource && r != wanted)
                .map(IndexResource.class::cast).sorted(Comparator.comparing(IndexResource::symbolicName))
                .forEach(missing::add);
        missing.add(wanted);
        List<Bundle> installed = new ArrayList<>();
        for (IndexResource r : missing) {
            installed.add(install(download(r), r.url().toString(), unsafe));
        }
        installed.forEach(this::start);
        return installed.reversed().stream().map(this::record).toList();
    }

    @Override
    public List<InstalledBundle> installed() {
        return Arrays.stream(context.getBundles()).sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(this::record).toList();
    }

    /**
     * Installs (not starts) a bundle from its bytes after verifying them. The same name, version and bytes
     * already installed: that bundle. The same name and version, or the same location, with other bytes: that
     * bundle, updated in place.
     */
    Bundle install(byte[] jar, String location, boolean unsafe) {
        String[] identity = identity(jar, location);
        String sha = sha256(jar);
        Optional<Bundle> same = bundle(identity[0], Version.parseVersion(identity[1]))
                .or(() -> Optional.ofNullable(context.getBundle(location)));
        if (same.isPresent() && sha.equals(record(same.get()).sha256())) {
            return same.get();
        }
        String verdict = Verification.check(verifier, jar, location, unsafe);
        try {
            Bundle b;
            if (same.isPresent()) {
                b = same.get();
                b.update(new ByteArrayInputStream(jar));
            } else {
                b = context.installBundle(location, new ByteArrayInputStream(jar));
            }
            provenance.put(b.getBundleId(), new Provenance(sha, location, verdict));
            return b;
        } catch (BundleException e) {
            throw new IllegalArgumentException(location + ": cannot install " + identity[0] + ": " + e.getMessage(), e);
        }
    }

    /** Reads a location the way the framework would (a URL) and installs it; see {@link #install}. */
    Bundle install(String location, boolean unsafe) {
        byte[] jar;
        try (InputStream in = URI.create(location).toURL().openStream()) {
            jar = in.readAllBytes();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(location + ": cannot read: " + e.getMessage(), e);
        }
        return install(jar, location, unsafe);
    }

    private void start(Bundle b) {
        try {
            b.start();
        } catch (BundleException e) {
            throw new IllegalArgumentException(b.getLocation() + ": " + b.getSymbolicName() + " " + b.getVersion()
                    + " does not start: " + e.getMessage(), e);
        }
    }

    private InstalledBundle record(Bundle b) {
        Provenance p = provenance.get(b.getBundleId());
        if (p == null) {
            p = new Provenance(contentHash(b.getLocation()), b.getLocation(),
                    Verification.verdictOf(verifier, b.getBundleId(), b.getLocation()));
            if (p.sha256() != null) {
                provenance.putIfAbsent(b.getBundleId(), p);
            }
        }
        return new InstalledBundle(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), p.sha256(),
                p.location(), p.verdict());
    }

    private Optional<Bundle> bundle(String symbolicName, Version version) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()) && version.equals(b.getVersion())).findFirst();
    }

    private static byte[] download(IndexResource r) {
        if (r.url() == null) {
            throw new IllegalArgumentException(r + ": the index gives no osgi.content URL");
        }
        byte[] jar;
        try (InputStream in = r.url().toURL().openStream()) {
            jar = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException(r + ": cannot read " + r.url() + ": " + e.getMessage(), e);
        }
        String sha = sha256(jar);
        if (!sha.equals(r.sha256())) {
            throw new IllegalArgumentException(r + ": " + r.url() + " has SHA-256 " + sha + " but the index says "
                    + r.sha256() + "; not installed");
        }
        return jar;
    }

    /** Bundle-SymbolicName (without directives) and Bundle-Version of a jar, or a clear refusal. */
    private static String[] identity(byte[] jar, String location) {
        Manifest m;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            m = in.getManifest();
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": not a jar: " + e.getMessage(), e);
        }
        String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn == null) {
            throw new IllegalArgumentException(location + ": not an OSGi bundle (no Bundle-SymbolicName in its manifest)");
        }
        String version = m.getMainAttributes().getValue("Bundle-Version");
        return new String[] {bsn.split(";")[0].strip(), version == null ? "0.0.0" : version.strip()};
    }

    private static byte[] read(Path jar) {
        try {
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new IllegalArgumentException(jar + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 of what a location points at, when it can be read again: a URL (Felix's {@code reference:}
     * prefix dropped), or an entry of the launcher's class path (bnd's embedded launcher installs from {@code jar/…}).
     */
    private String contentHash(String location) {
        String l = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            URL url = l.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") ? URI.create(l).toURL()
                    : ClassLoader.getSystemResource(l);
            if (url == null) {
                return null;
            }
            try (InputStream in = url.openStream()) {
                return sha256(in.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
