package org.odonata.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.odonata.api.kern.CpuTimes;
import org.odonata.api.kern.TraceSink;
import org.odonata.api.sched.SchedClass;
import org.odonata.kern.workload.Workloads;

/** Per-CPU time accounting, the trace hook, per-process random streams and scheduling classes. */
class KernelObservationTest {

    @Test
    void cpuTimesPartitionVirtualTimeAndSeeTheLoad() {
        try (SimKernel k = Machines.boot("smp-4", 4)) {
            Workloads.start(k, "cpuhog", List.of("2"));
            k.runFor(Machines.ms(200));
            long user = 0;
            long idle = 0;
            for (CpuTimes t : k.cpuTimes()) {
                assertEquals(k.now(), t.userNanos() + t.systemNanos() + t.idleNanos(), t.toString());
                user += t.userNanos();
                idle += t.idleNanos();
            }
            // two hogs on four CPUs: about two CPUs' worth of user time, two of idle
            assertTrue(Math.abs(user - 2 * k.now()) < k.now() / 50, "user " + user);
            assertTrue(Math.abs(idle - 2 * k.now()) < k.now() / 50, "idle " + idle);
        }
    }

    /** Records every event as a line. */
    private static final class Recorder implements TraceSink {
        final List<String> events = new ArrayList<>();

        @Override
        public void contextSwitch(int cpu, long time, long fromTid, String fromName, long toTid, String toName) {
            events.add("switch " + cpu + " " + time + " " + fromTid + " " + toTid);
        }

        @Override
        public void wakeup(long time, int wakerCpu, long tid, int targetCpu) {
            events.add("wakeup " + time + " " + wakerCpu + " " + tid + " " + targetCpu);
        }

        @Override
        public void tokenWait(long tid, String token, long start, long end) {
            assertTrue(end >= start);
            events.add("token " + tid + " " + token);
        }

        @Override
        public void migration(long time, long tid, int fromCpu, int toCpu) {
            assertNotEquals(fromCpu, toCpu);
            events.add("migrate " + tid);
        }
    }

    private static String traced(Recorder sink) {
        try (SimKernel k = Machines.boot("laptop-4c8t", 9)) {
            k.setTraceSink(sink);
            Workloads.start(k, "cpuhog", List.of("10"));
            Workloads.start(k, "pingpong", List.of());
            Workloads.start(k, "tokens", List.of("4", "--hold", "20us"));
            Workloads.start(k, "tokens", List.of("3", "--hold", "50us", "--block", "--token", "vm"));
            k.runFor(Machines.ms(60));
            return k.digest();
        }
    }

    @Test
    void aTraceSinkSeesEveryKindOfEventAndChangesNothing() {
        Recorder sink = new Recorder();
        String withSink = traced(sink);
        assertEquals(traced(null), withSink);
        for (String kind : List.of("switch", "wakeup", "token", "migrate")) {
            assertTrue(sink.events.stream().anyMatch(e -> e.startsWith(kind + " ")), "no " + kind + " event");
        }
        Recorder again = new Recorder();
        traced(again);
        assertEquals(sink.events, again.events);
    }

    private static List<Long> draws(long seed) {
        List<Long> out = new ArrayList<>();
        try (SimKernel k = Machines.boot("smp-4", seed)) {
            for (int p = 0; p < 2; p++) {
                k.spawn("r", sys -> {
                    out.add(sys.random().nextLong());
                    out.add(sys.random().nextLong());
                });
            }
            k.runFor(Machines.ms(1));
        }
        return out;
    }

    @Test
    void eachProcessHasItsOwnSeededRandomStream() {
        List<Long> a = draws(1);
        assertEquals(4, a.size());
        assertEquals(a, draws(1));
        assertNotEquals(a, draws(2));
        assertNotEquals(a.subList(0, 2), a.subList(2, 4));
    }

    @Test
    void setSchedClassIsPerLwpInheritedAndChecked() {
        try (SimKernel k = Machines.boot("smp-4", 1)) {
            int[] results = new int[3];
            List<Lwp> seen = new ArrayList<>();
            k.spawn("rt", sys -> {
                results[0] = sys.setSchedClass(SchedClass.REALTIME, 32);
                results[1] = sys.setSchedClass(SchedClass.IDLE, -1);
                results[2] = sys.setSchedClass(SchedClass.REALTIME, 7);
                sys.fork(c -> c.nanosleep(Machines.ms(5)));
                sys.nanosleep(Machines.ms(5));
            });
            k.runFor(Machines.ms(1));
            k.allLwps().forEach(seen::add);
            assertEquals(-SyscallLayer.EINVAL, results[0]);
            assertEquals(-SyscallLayer.EINVAL, results[1]);
            assertEquals(0, results[2]);
            assertEquals(2, seen.size());
            for (Lwp lp : seen) {
                assertEquals(SchedClass.REALTIME, lp.schedClass());
                assertEquals(7, lp.schedLevel());
            }
        }
    }
}
