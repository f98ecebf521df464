package org.odonata.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.odonata.api.repo.InstalledBundle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * What ran the experiment, for config.json: every bundle in the framework (symbolic name, version, SHA-256,
 * location and the verifier's verdict, from the bundle installer's records; names and versions only when no
 * installer is there; none outside a framework), the host and the JDK.
 */
public record RunEnvironment(List<InstalledBundle> bundles, String host, String jdk) {

    /** What config.json records for the bundles when the run did not happen inside an OSGi framework. */
    public static final String OUTSIDE_OSGI = "n/a (outside OSGi)";

    public RunEnvironment {
        bundles = List.copyOf(bundles);
    }

    /** The framework this class was loaded in (if any), the host and the JDK; bundles as the framework lists them. */
    public static RunEnvironment current() {
        return current(frameworkBundles());
    }

    /** As {@link #current()}, with the bundle installer's records of every bundle. */
    public static RunEnvironment current(List<InstalledBundle> bundles) {
        String host = System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors";
        String jdk = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
        return new RunEnvironment(bundles, host, jdk);
    }

    /** The bundles for config.json: one map per bundle, or {@link #OUTSIDE_OSGI}. */
    public Object bundlesForConfig() {
        if (bundles.isEmpty()) {
            return OUTSIDE_OSGI;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (InstalledBundle b : bundles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbolicName", b.symbolicName());
            m.put("version", b.version());
            m.put("sha256", b.sha256());
            m.put("location", b.location());
            m.put("verdict", b.verdict());
            out.add(m);
        }
        return out;
    }

    private static List<InstalledBundle> frameworkBundles() {
        List<InstalledBundle> out = new ArrayList<>();
        Bundle self = FrameworkUtil.getBundle(RunEnvironment.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        if (context != null) {
            for (Bundle b : context.getBundles()) {
                out.add(new InstalledBundle(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), null,
                        b.getLocation(), "unknown: no bundle installer (org.odonata.repo)"));
            }
        }
        return out;
    }
}
