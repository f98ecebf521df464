package org.odonata.kern.workload;

import java.util.List;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.kern.WorkloadRun;

/**
 * The built-in workloads by name, for callers outside a framework (inside one they are also {@link Workload}
 * services with the {@code name} property).
 */
public final class Workloads {

    private static final List<Workload> ALL = List.of(new Cpuhog(), new Pingpong(), new TokenContention(),
            new Forkstorm(), new Filewriter());

    private Workloads() {
    }

    public static List<Workload> all() {
        return ALL;
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** @throws IllegalArgumentException naming the valid workloads */
    public static Workload get(String name) {
        for (Workload w : ALL) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'; valid: " + String.join(", ", names()));
    }

    /** Parses {@code args} and spawns the workload's processes on {@code kernel}. */
    public static WorkloadRun start(Kernel kernel, String name, List<String> args) {
        return get(name).start(kernel, args);
    }
}
