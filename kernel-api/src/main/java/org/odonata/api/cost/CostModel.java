package org.odonata.api.cost;

import java.util.LinkedHashMap;
import java.util.Map;

import org.odonata.api.topology.Distance;

/**
 * What hardware operations cost, in cycles at {@code frequencyHz}. Defaults are typical of a 3 GHz x86-64
 * server part; every field can be overridden by name from a spec ({@link #with(String, long)}).
 *
 * @param frequencyHz       core clock; cycles become nanoseconds at this rate
 * @param syscallEntry      SYSCALL, the mitigations and the kernel entry path
 * @param syscallExit       the return path and SYSRET
 * @param contextSwitch     saving and restoring one thread's state (LWKT {@code td_switch})
 * @param tlbMiss           a miss in the first-level TLB served by the second level
 * @param pageWalk          a miss in both TLBs: a four-level page walk
 * @param ipiSmtSibling     IPI delivery to the other hardware thread of the same core
 * @param ipiSameL3         IPI delivery within one last-level-cache domain
 * @param ipiSamePackage    IPI delivery to another L3 domain of the same package
 * @param ipiOtherPackage   IPI delivery across packages
 * @param lapicProgram      arming the LAPIC one-shot (TSC-deadline MSR write)
 * @param lapicExpiry       timer interrupt entry after the deadline passes
 * @param tscRead           RDTSC
 * @param lineLocal         a load or store that hits this CPU's own cache
 * @param lineSmtSibling    a line owned by the SMT sibling (shared L1/L2)
 * @param lineSameL3        a line owned by a core under the same L3
 * @param lineSamePackage   a line owned by a core in another L3 domain of the package
 * @param lineOtherPackage  a line owned in the other package
 * @param lineMemory        a line no cache holds: DRAM
 * @param atomicExtra       added to every locked read-modify-write (CAS, fetch-add, exchange)
 */
public record CostModel(long frequencyHz, long syscallEntry, long syscallExit, long contextSwitch, long tlbMiss,
        long pageWalk, long ipiSmtSibling, long ipiSameL3, long ipiSamePackage, long ipiOtherPackage,
        long lapicProgram, long lapicExpiry, long tscRead, long lineLocal, long lineSmtSibling, long lineSameL3,
        long lineSamePackage, long lineOtherPackage, long lineMemory, long atomicExtra) {

    /** A 3 GHz x86-64 server part. */
    public static CostModel defaults() {
        return new CostModel(3_000_000_000L, 120, 90, 1_200, 9, 150, 1_200, 1_800, 2_400, 4_500, 60, 900, 25, 4,
                14, 45, 110, 300, 260, 18);
    }

    public CostModel {
        if (frequencyHz <= 0 || frequencyHz > 9_000_000_000L) {
            throw new IllegalArgumentException("frequencyHz must be in (0, 9e9], was " + frequencyHz);
        }
        for (Map.Entry<String, Long> e : fieldsOf(syscallEntry, syscallExit, contextSwitch, tlbMiss, pageWalk,
                ipiSmtSibling, ipiSameL3, ipiSamePackage, ipiOtherPackage, lapicProgram, lapicExpiry, tscRead,
                lineLocal, lineSmtSibling, lineSameL3, lineSamePackage, lineOtherPackage, lineMemory, atomicExtra)
                .entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException(e.getKey() + " must not be negative, was " + e.getValue());
            }
        }
    }

    /** Virtual nanoseconds that {@code cycles} take at this frequency, exactly (rounded down). */
    public long nanos(long cycles) {
        // split so that neither product overflows: the remainder is below frequencyHz ≤ 9e9
        return cycles / frequencyHz * 1_000_000_000L + cycles % frequencyHz * 1_000_000_000L / frequencyHz;
    }

    /** Cycles elapsed at this frequency in {@code nanos} of virtual time, exactly (rounded down). */
    public long cycles(long nanos) {
        return nanos / 1_000_000_000L * frequencyHz + nanos % 1_000_000_000L * frequencyHz / 1_000_000_000L;
    }

    /** IPI delivery cost between CPUs this far apart (a self-IPI costs the SMT-sibling price). */
    public long ipi(Distance d) {
        return switch (d) {
            case SAME_CPU, SMT_SIBLING -> ipiSmtSibling;
            case SAME_L3 -> ipiSameL3;
            case SAME_PACKAGE -> ipiSamePackage;
            case OTHER_PACKAGE -> ipiOtherPackage;
        };
    }

    /** Cost of reaching a line owned by a CPU this far away. */
    public long line(Distance d) {
        return switch (d) {
            case SAME_CPU -> lineLocal;
            case SMT_SIBLING -> lineSmtSibling;
            case SAME_L3 -> lineSameL3;
            case SAME_PACKAGE -> lineSamePackage;
            case OTHER_PACKAGE -> lineOtherPackage;
        };
    }

    /** Every cost by field name, in declaration order (frequencyHz first). */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("frequencyHz", frequencyHz);
        m.putAll(fieldsOf(syscallEntry, syscallExit, contextSwitch, tlbMiss, pageWalk, ipiSmtSibling, ipiSameL3,
                ipiSamePackage, ipiOtherPackage, lapicProgram, lapicExpiry, tscRead, lineLocal, lineSmtSibling,
                lineSameL3, lineSamePackage, lineOtherPackage, lineMemory, atomicExtra));
        return m;
    }

    /**
     * This model with one field replaced.
     *
     * @throws IllegalArgumentException naming the valid fields when {@code field} is not one
     */
    public CostModel with(String field, long value) {
        Map<String, Long> m = asMap();
        if (!m.containsKey(field)) {
            throw new IllegalArgumentException("unknown cost '" + field + "'; valid: " + String.join(", ", m.keySet()));
        }
        m.put(field, value);
        long[] v = m.values().stream().mapToLong(Long::longValue).toArray();
        return new CostModel(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16], v[17], v[18], v[19]);
    }

    private static Map<String, Long> fieldsOf(long... v) {
        String[] names = {"syscallEntry", "syscallExit", "contextSwitch", "tlbMiss", "pageWalk", "ipiSmtSibling",
            "ipiSameL3", "ipiSamePackage", "ipiOtherPackage", "lapicProgram", "lapicExpiry", "tscRead", "lineLocal",
            "lineSmtSibling", "lineSameL3", "lineSamePackage", "lineOtherPackage", "lineMemory", "atomicExtra"};
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], v[i]);
        }
        return m;
    }
}
