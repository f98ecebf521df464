package org.odonata.api.probe;

import java.util.List;

/**
 * A probe as an experiment spec asks for it ({@code probes: [{target: …, kind: hist}]}).
 *
 * @param name   names its metrics ({@code probe.NAME.count}); unique within the request
 * @param target {@code Class#method}, globs allowed ({@code org.odonata.sched.lwkt.dfly.*#choose*})
 * @param kinds  {@code count} (always), {@code hist}, {@code args}, {@code ret}
 * @param filter a condition on {@code cpu}, {@code argN}, {@code ret}, {@code lat}, or empty
 */
public record ProbeRequest(String name, String target, List<String> kinds, String filter) {

    public ProbeRequest {
        kinds = List.copyOf(kinds);
    }
}
