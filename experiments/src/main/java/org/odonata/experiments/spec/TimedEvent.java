package org.odonata.experiments.spec;

import org.odonata.api.engine.VirtualDuration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Something that happens to every trial at a virtual time since boot: a live swap of the user scheduler or
 * of the token implementation, a CPU leaving or rejoining the CPUs user LWPs may use, or an injected fault.
 *
 * @param at      virtual nanoseconds since boot
 * @param kind    what happens
 * @param target  the implementation swapped in, the CPU number, or the disk index of a fault
 * @param lasting how long it lasts, in virtual nanoseconds (a CPU stall); 0 for an instant event
 */
public record TimedEvent(long at, Kind kind, String target, long lasting) {

    public TimedEvent(long at, Kind kind, String target) {
        this(at, kind, target, 0);
    }

    /** The events the kernel and machine APIs can carry out. */
    public enum Kind {
        SWAP_SCHED, SWAP_SYNC, CPU_OFFLINE, CPU_ONLINE, DISK_POWER_CUT, CPU_STALL;

        /** As a spec and config.json write it: {@code cpu-offline}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", VirtualDuration.format(at));
        m.put("kind", kind.key());
        m.put("target", target);
        if (lasting > 0) {
            m.put("for", VirtualDuration.format(lasting));
        }
        return m;
    }
}
