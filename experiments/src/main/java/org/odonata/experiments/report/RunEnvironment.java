package org.odonata.experiments.report;

import java.util.Map;

/**
 * What ran the experiment, for config.json: bundle symbolic names and versions (or {@code n/a} outside a
 * framework), the host and the JDK.
 */
public record RunEnvironment(Map<String, String> bundles, String host, String jdk) {

    public RunEnvironment {
        bundles = Map.copyOf(bundles);
    }

    /** Host and JDK from system properties; bundles as given. */
    public static RunEnvironment current(Map<String, String> bundles) {
        String host = System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " processors";
        String jdk = System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
        return new RunEnvironment(bundles.isEmpty() ? Map.of("bundles", "n/a") : bundles, host, jdk);
    }
}
