package org.odonata.bench;

import java.util.concurrent.TimeUnit;

import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Host cost of one modelled atomic on the 256-CPU EPYC preset: a compare-and-set that moves the line between
 * CPUs of different packages every time (the costly path: owner lookup, invalidation, charge), and a fetch-add
 * on a line the CPU already owns (the hit path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED")
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CoherenceBench {

    private Coherence coherence;
    private CacheLine shared;
    private CacheLine owned;
    private int cpu;

    @Setup
    public void build() {
        Machine m = new MachineFactoryComponent().create(MachineSpec.of("bench", Presets.topology("epyc-2s128c256t")));
        coherence = m.coherence();
        shared = coherence.allocate("bench:shared", 0, 0);
        owned = coherence.allocate("bench:owned", 0, 0);
    }

    @Benchmark
    public boolean casBouncingAcrossPackages() {
        cpu = cpu == 0 ? 255 : 0;
        long v = shared.peek();
        return coherence.compareAndSet(cpu, shared, v, v + 1);
    }

    @Benchmark
    public long fetchAddOnOwnedLine() {
        return coherence.fetchAdd(3, owned, 1);
    }
}
