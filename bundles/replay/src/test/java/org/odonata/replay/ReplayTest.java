package org.odonata.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Syscalls;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.vfs.RootFs;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.replay.mtree.MtreeSpec;
import org.odonata.replay.mtree.MtreeVerifier;
import org.odonata.replay.mtree.SimTree;
import org.odonata.replay.strace.StraceReader;
import org.odonata.replay.strace.Trace;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

/**
 * Real programs' traces (recorded with strace by {@code traces/record.sh}) replayed on a booted kernel: every call
 * under the traced directory gets the result the host gave, and the tree left behind is the one mtree(8) recorded.
 */
class ReplayTest {

    static Kernel boot(long seed) {
        var machine = new MachineFactoryComponent().create(new MachineSpec("t", Presets.topology("smp-4"),
                CostModel.defaults(), List.of(), seed, EngineKind.CONTINUATION));
        var vfs = new VfsComponent(new LockFactoryComponent(), List.of(new TmpfsType()));
        return new KernelFactoryComponent(vfs).boot(machine, new DflyFactory(), new LwktTokenFactory(), RootFs.TMPFS);
    }

    static Trace trace(String name) throws IOException {
        try (InputStream in = ReplayTest.class.getResourceAsStream("/traces/" + name + ".strace")) {
            return StraceReader.parse(name + ".strace",
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1)));
        }
    }

    static MtreeSpec tree(String name) throws IOException {
        try (InputStream in = ReplayTest.class.getResourceAsStream("/traces/" + name + ".mtree")) {
            return MtreeSpec.parse(name + ".mtree", new BufferedReader(new StringReader(
                    new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))));
        }
    }

    static ReplayReport replay(Kernel k, Trace t, String cwd) {
        ReplayRun run = ReplayRun.plan(k, t, ReplayOptions.of(cwd, ReplayOptions.DEFAULT_INTO, 022));
        run.start();
        long limit = k.now() + 120_000_000_000L;
        while (!run.finished() && k.now() < limit) {
            k.runFor(1_000_000L);
        }
        assertTrue(run.finished(), "the replay finished within 120 s of virtual time");
        return run.report();
    }

    static <T> T inProcess(Kernel k, Function<Syscalls, T> body) {
        Object[] out = new Object[1];
        boolean[] done = new boolean[1];
        k.spawn("check", sys -> {
            out[0] = body.apply(sys);
            done[0] = true;
        });
        while (!done[0]) {
            k.runFor(1_000_000L);
        }
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell"})
    void aRecordedProgramReplaysWithoutMismatchAndLeavesTheRecordedTree(String name) throws IOException {
        Kernel k = boot(7);
        ReplayReport r = replay(k, trace(name), "/tmp/odonata-trace/" + name);
        assertTrue(r.ok(), r.format(20));
        assertTrue(r.replayed() > 10, r.format(20));
        MtreeSpec spec = tree(name);
        List<String> diffs = inProcess(k, sys -> MtreeVerifier.verify(new SimTree(sys),
                "/replay".getBytes(StandardCharsets.UTF_8), spec));
        assertEquals(List.of(), diffs);
    }
}
