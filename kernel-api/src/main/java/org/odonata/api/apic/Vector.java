package org.odonata.api.apic;

/** Interrupt vectors DragonFly uses on x86-64 ({@code sys/platform/pc64/include/intr_machdep.h}). */
public enum Vector {
    XINVLTLB(0xe0, true),
    XIPIQ(0xe3, false),
    XTIMER(0xe4, false),
    XSNIFF(0xe5, true),
    XCPUSTOP(0xf0, true);

    private final int number;
    private final boolean runsInCriticalSection;

    Vector(int number, boolean runsInCriticalSection) {
        this.number = number;
        this.runsInCriticalSection = runsInCriticalSection;
    }

    public int number() {
        return number;
    }

    /** Whether its handler runs even inside a critical section (XINVLTLB, XSNIFF, XCPUSTOP) or is deferred. */
    public boolean runsInCriticalSection() {
        return runsInCriticalSection;
    }
}
