package org.odonata.experiments.report;

import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * What ran the experiment, for config.json: the symbolic names and versions of the Odonata bundles installed
 * (empty outside a framework), the host and the JDK.
 */
public record RunEnvironment(Map<String, String> bundles, String host, String jdk) {

    /** What config.json records for the bundles when the run did not happen inside an OSGi framework. */
    public static final String OUTSIDE_OSGI = "n/a (outside OSGi)";

    /** Odonata's bundles all share this symbolic-name prefix; Felix, Gogo and SCR are left out. */
    private static final String ODONATA = "org.odonata.";

    public RunEnvironment {
        bundles = Map.copyOf(bundles);
    }

    /** The framework this class was loaded in (if any), the host and the JDK. */
    public static RunEnvironment current() {
        String host = System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors";
        String jdk = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
        return new RunEnvironment(odonataBundles(), host, jdk);
    }

    /** The bundles for config.json: a name → version map, or {@link #OUTSIDE_OSGI}. */
    public Object bundlesForConfig() {
        return bundles.isEmpty() ? OUTSIDE_OSGI : new TreeMap<>(bundles);
    }

    private static Map<String, String> odonataBundles() {
        Map<String, String> out = new TreeMap<>();
        Bundle self = FrameworkUtil.getBundle(RunEnvironment.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        if (context != null) {
            for (Bundle b : context.getBundles()) {
                String name = b.getSymbolicName();
                if (name != null && name.startsWith(ODONATA)) {
                    out.put(name, b.getVersion().toString());
                }
            }
        }
        return out;
    }
}
