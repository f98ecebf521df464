package org.odonata.experiments.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.odonata.api.bio.Bio;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.block.BlockOp;
import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;
import org.odonata.api.cost.CostModel;
import org.odonata.api.engine.EngineKind;
import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.Machine;
import org.odonata.api.machine.MachineSpec;
import org.odonata.fs.tmpfs.TmpfsType;
import org.odonata.hw.x86.machine.MachineFactoryComponent;
import org.odonata.hw.x86.topology.Presets;
import org.odonata.kern.KernelFactoryComponent;
import org.odonata.sched.lwkt.dfly.DflyFactory;
import org.odonata.sync.locks.LockFactoryComponent;
import org.odonata.sync.tokens.LwktTokenFactory;
import org.odonata.vfs.VfsComponent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * trace.json draws the block I/O and fault tracepoints: a real kernel's requests, several in flight at once on one
 * disk, as async slices on that disk's track from {@code dev_dstrategy} to {@code biodone}; faults as instants on the
 * faulting thread's track; IPIs as instants on the receiving CPU.
 */
class ChromeTraceTest {

    @Test
    void blockRequestsAreAsyncSlicesOnTheirDiskAndFaultsInstantsOnTheirThread() throws IOException {
        Machine m = new MachineFactoryComponent().create(new MachineSpec("trace", Presets.topology("smp-4"),
                CostModel.defaults(), List.of(new DiskSpec("da0", DiskKind.HDD, 1L << 30, 512, null, false),
                        new DiskSpec("da1", DiskKind.NVME, 1L << 30, 512, null, false)), 7, EngineKind.CONTINUATION));
        ChromeTrace trace = new ChromeTrace(4, "io");
        List<Bio> bios = new ArrayList<>();
        long end;
        try (Kernel k = new KernelFactoryComponent(new VfsComponent(new LockFactoryComponent(),
                List.of(new TmpfsType()))).boot(m, new DflyFactory(), new LwktTokenFactory())) {
            k.setTraceSink(trace);
            BlockIo io = k.blockIo();
            k.kthreads().create("io", 1, () -> {
                // three reads queued at once on the disk, then a write and a flush on the other one
                for (int i = 0; i < 3; i++) {
                    bios.add(io.strategy("da0", BlockOp.READ, (1L << 20) * i * 97, ByteBuffer.allocate(4096), false,
                            null));
                }
                bios.add(io.strategy("da1", BlockOp.WRITE, 0, ByteBuffer.allocate(64 << 10), false, null));
                for (Bio b : bios) {
                    io.biowait(b, "trace");
                }
                Bio flush = io.strategy("da1", BlockOp.FLUSH, 0, null, false, null);
                bios.add(flush);
                io.biowait(flush, "trace");
            });
            k.runFor(50_000_000);
            end = k.now();
        }
        trace.fault(1_000, 2, 42, 0x7f00_1000L, true);
        trace.ioDone(2_000, "da0", 999_999); // started before tracing began: nothing to close, nothing drawn
        trace.ipiReceive(3_000, 3, 0, 2);

        JsonNode events = new ObjectMapper().readTree(trace.finish(end)).get("traceEvents");
        Map<Long, JsonNode> begins = new HashMap<>();
        Map<String, Integer> tracks = new HashMap<>();
        List<String> slices = new ArrayList<>();
        JsonNode fault = null;
        JsonNode ipi = null;
        for (JsonNode e : events) {
            String ph = e.path("ph").asText();
            if (e.path("pid").asInt() == ChromeTrace.DISKS_PID && ph.equals("M")
                    && e.path("name").asText().equals("thread_name")) {
                tracks.put(e.path("args").path("name").asText(), e.path("tid").asInt());
            } else if (ph.equals("b")) {
                assertEquals("bio", e.path("cat").asText());
                begins.put(e.path("id").asLong(), e);
            } else if (ph.equals("e")) {
                JsonNode b = begins.remove(e.path("id").asLong());
                assertTrue(b != null, "an end without a begin: " + e);
                assertEquals(b.path("name").asText(), e.path("name").asText());
                assertEquals(b.path("tid").asInt(), e.path("tid").asInt());
                assertTrue(e.path("ts").asDouble() > b.path("ts").asDouble(), b + " " + e);
                slices.add(b.path("tid").asInt() + " " + b.path("name").asText() + " @" + b.path("ts").asDouble()
                        + ".." + e.path("ts").asDouble());
            } else if (ph.equals("i") && e.path("cat").asText().equals("vm")) {
                fault = e;
            } else if (ph.equals("i") && e.path("cat").asText().equals("ipi") && e.path("ts").asDouble() == 3.0) {
                ipi = e;
            }
        }
        assertTrue(begins.isEmpty(), "every request ended: " + begins);
        assertEquals(Map.of("da0", 0, "da1", 1), tracks);
        List<String> expected = new ArrayList<>();
        for (Bio b : bios) {
            String name = switch (b.cmd()) {
                case READ -> "read 4K";
                case WRITE -> "write 64K";
                case FLUSH -> "flush";
            };
            expected.add(tracks.get(b.device()) + " " + name + " @" + b.issuedAt() / 1000.0 + ".."
                    + b.completedAt() / 1000.0);
        }
        assertEquals(expected.stream().sorted().toList(), slices.stream().sorted().toList());
        Bio first = bios.get(0);
        Bio second = bios.get(1);
        assertTrue(second.issuedAt() < first.completedAt(), "the disk held several requests at once: " + slices);
        assertTrue(fault != null && fault.path("pid").asInt() == ChromeTrace.THREADS_PID
                && fault.path("tid").asLong() == 42 && fault.path("name").asText().equals("fault write")
                && fault.path("args").path("address").asText().equals("0x7f001000"), String.valueOf(fault));
        assertTrue(ipi != null && ipi.path("pid").asInt() == ChromeTrace.CPUS_PID && ipi.path("tid").asInt() == 3
                && ipi.path("args").path("messages").asInt() == 2, String.valueOf(ipi));
    }
}
