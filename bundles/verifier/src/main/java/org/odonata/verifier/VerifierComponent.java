package org.odonata.verifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.odonata.api.bundle.BundleVerifier;
import org.odonata.api.bundle.Verdict;
import org.odonata.api.bundle.Violation;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The bundle verifier in the framework. Every bundle installed after this one started whose manifest imports the
 * Odonata API (a subsystem bundle) is verified as it is installed, and the verdict printed; a refused bundle is
 * kept from resolving by a resolver hook, so none of its classes ever loads, unless its SHA-256 was allowed
 * ({@code --unsafe}). The bundles the framework was launched with are the distribution's and are not checked.
 * Verdicts are cached by SHA-256.
 */
@Component(service = {BundleVerifier.class, ResolverHookFactory.class}, immediate = true)
public final class VerifierComponent implements BundleVerifier, ResolverHookFactory, SynchronousBundleListener {

    /** How many violations the install-time message lists before it says how many more there are. */
    static final int SHOWN = 12;

    private final Map<String, Verdict> bySha = new ConcurrentHashMap<>();
    private final Map<Long, Verdict> byBundle = new ConcurrentHashMap<>();
    private final Set<String> unsafe = ConcurrentHashMap.newKeySet();
    private final Set<Long> launched = ConcurrentHashMap.newKeySet();
    private BundleContext context;

    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        for (Bundle b : ctx.getBundles()) {
            launched.add(b.getBundleId());
        }
        ctx.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    // ---- BundleVerifier -------------------------------------------------------------------------------------

    @Override
    public Verdict verify(Path jar) throws IOException {
        return withUnsafe(JarVerifier.verify(jar));
    }

    @Override
    public Verdict verify(byte[] jar, String location) {
        String sha = JarVerifier.sha256(jar);
        return withUnsafe(bySha.computeIfAbsent(sha, s -> JarVerifier.verify(jar, location)));
    }

    @Override
    public void allowUnsafe(String sha256) {
        unsafe.add(sha256);
    }

    @Override
    public Optional<Verdict> verdictOf(long bundleId) {
        return Optional.ofNullable(byBundle.get(bundleId)).map(this::withUnsafe);
    }

    private Verdict withUnsafe(Verdict v) {
        return !v.passed() && unsafe.contains(v.sha256()) ? v.allowedUnsafe() : v;
    }

    // ---- in the framework -----------------------------------------------------------------------------------

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle b = event.getBundle();
        switch (event.getType()) {
            case BundleEvent.INSTALLED, BundleEvent.UPDATED -> {
                byBundle.remove(b.getBundleId());
                Verdict v = verdict(b);
                if (v != null) {
                    System.out.println(message(b, v));
                }
            }
            case BundleEvent.UNINSTALLED -> byBundle.remove(b.getBundleId());
            default -> {
                // only installs and updates change what a bundle contains
            }
        }
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                candidates.removeIf(r -> {
                    Verdict v = verdict(r.getBundle());
                    return v != null && !withUnsafe(v).admitted();
                });
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton,
                    Collection<BundleCapability> collisionCandidates) {
                // the verifier refuses bundles, it does not choose between them
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                // likewise
            }

            @Override
            public void end() {
                // nothing held
            }
        };
    }

    /** The verdict of a subsystem bundle installed after launch (verified now if need be); else {@code null}. */
    private Verdict verdict(Bundle b) {
        if (launched.contains(b.getBundleId()) || !subsystem(b)) {
            return null;
        }
        return byBundle.computeIfAbsent(b.getBundleId(), id -> {
            byte[] jar = contents(b);
            return verify(jar, b.getLocation());
        });
    }

    private static boolean subsystem(Bundle b) {
        String imports = b.getHeaders("").get("Import-Package");
        return imports != null && imports.contains("org.odonata.api");
    }

    /** The bundle's jar: read from its location when that is a URL, else rebuilt from its entries. */
    private static byte[] contents(Bundle b) {
        try {
            URL url = URI.create(b.getLocation()).toURL();
            try (InputStream in = url.openStream()) {
                return in.readAllBytes();
            }
        } catch (IOException | IllegalArgumentException notAUrl) {
            return fromEntries(b);
        }
    }

    private static byte[] fromEntries(Bundle b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(bytes)) {
            copy(b, "/", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle " + b.getSymbolicName() + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void copy(Bundle b, String dir, java.util.jar.JarOutputStream out) throws IOException {
        Enumeration<String> paths = b.getEntryPaths(dir);
        if (paths == null) {
            return;
        }
        for (String p : java.util.Collections.list(paths).stream().sorted().toList()) {
            if (p.endsWith("/")) {
                copy(b, p, out);
                continue;
            }
            out.putNextEntry(new java.util.jar.JarEntry(p));
            try (InputStream in = b.getEntry(p).openStream()) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
    }

    /** What the shell shows when a subsystem bundle is installed. */
    static String message(Bundle b, Verdict v) {
        StringBuilder s = new StringBuilder("verifier: " + v.symbolicName() + " " + v.version() + " [" + b.getBundleId()
                + "] " + v.summary());
        if (!v.passed()) {
            int shown = 0;
            for (Violation violation : v.violations()) {
                if (shown++ == SHOWN) {
                    s.append("\n  … and ").append(v.violations().size() - SHOWN).append(" more");
                    break;
                }
                s.append("\n  ").append(violation);
            }
            if (!v.admitted()) {
                s.append("\n  it will not resolve: none of its classes runs (repo:install --unsafe runs it anyway)");
            }
        }
        return s.toString();
    }
}
