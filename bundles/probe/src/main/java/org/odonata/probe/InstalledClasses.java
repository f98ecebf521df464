package org.odonata.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.odonata.api.bundle.BundleVerifier;
import org.odonata.api.bundle.Verdict;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * The classes of the framework's bundles that are not loaded yet, read from the bundles' own entries: a probe may
 * name them before they load (the WeavingHook weaves them then), as a researcher names a scheduler that is installed
 * but not in use. Classes on a bundle's inner class path are not seen.
 */
final class InstalledClasses implements ProbeManager.Unloaded {

    private final BundleContext context;
    private final Supplier<BundleVerifier> verifier;

    InstalledClasses(BundleContext context, Supplier<BundleVerifier> verifier) {
        this.context = context;
        this.verifier = verifier;
    }

    @Override
    public List<ProbeManager.LaterMethod> methods(Target target, Set<String> loaded) {
        String prefix = target.literalPrefix();
        int dot = prefix.lastIndexOf('.');
        String folder = dot < 0 ? "/" : "/" + prefix.substring(0, dot).replace('.', '/');
        List<ProbeManager.LaterMethod> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() == 0 || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            Enumeration<URL> entries = b.findEntries(folder, "*.class", true);
            Optional<Verdict> verdict = null;
            while (entries != null && entries.hasMoreElements()) {
                URL entry = entries.nextElement();
                String path = entry.getPath();
                String name = path.substring(path.startsWith("/") ? 1 : 0, path.length() - ".class".length())
                        .replace('/', '.');
                if (loaded.contains(name) || !Weaver.weavable(name) || !target.matchesClass(name)) {
                    continue;
                }
                TypeDescription type = describe(name, entry);
                if (type == null || type.isInterface()) {
                    continue;
                }
                for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
                    if (Weaver.weavable(m) && target.matchesMethod(m.getName())) {
                        if (verdict == null) {
                            BundleVerifier v = verifier.get();
                            verdict = v == null ? Optional.empty() : v.verdictOf(b.getBundleId());
                        }
                        out.add(new ProbeManager.LaterMethod(name, m.getName(), m.getDescriptor(), verdict));
                    }
                }
            }
        }
        return out;
    }

    /** The class's declaration from its bytes alone, or null when the entry cannot be read as a class. */
    private static TypeDescription describe(String name, URL entry) {
        byte[] bytes;
        try (InputStream in = entry.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
        TypePool.Resolution r = TypePool.Default.of(ClassFileLocator.Simple.of(name, bytes)).describe(name);
        return r.isResolved() ? r.resolve() : null;
    }
}
