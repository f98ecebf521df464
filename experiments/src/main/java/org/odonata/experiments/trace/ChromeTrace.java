package org.odonata.experiments.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.odonata.api.kern.TraceSink;
import org.odonata.api.memory.MemorySize;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A kernel's events as Chrome trace-event JSON (the format ui.perfetto.dev and chrome://tracing open): process 1
 * "CPUs" has a track per CPU with a complete-event slice ("name tid") for each stretch a thread ran there (the idle
 * thread's stretches are left as gaps) and an instant event for each wakeup aimed at that CPU and each batch of IPI
 * messages it ran; process 2 "threads" has a track per thread with a slice for each token wait and an instant event
 * for each migration and each page fault; process 3 "disks" has a track per disk with an async slice for each block
 * request from {@code dev_dstrategy} to {@code biodone} (requests overlap when the disk queues several). Timestamps
 * are virtual time in microseconds with nanosecond fractions. Events are encoded as they arrive, about 150 bytes
 * each, so a trace costs memory in proportion to its context switches. Token acquisitions and releases, far more
 * frequent, are left out: the waits show the contention.
 */
public final class ChromeTrace implements TraceSink {

    static final int CPUS_PID = 1;
    static final int THREADS_PID = 2;
    static final int DISKS_PID = 3;

    private final int cpus;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator out;
    private final long[] runningTid;
    private final String[] runningName;
    private final long[] runningSince;
    private final Map<Long, String> threadNames = new TreeMap<>();
    /** Disks in the order they were first seen: their track ids. */
    private final Map<String, Integer> disks = new LinkedHashMap<>();
    /** The names of the block requests in flight, by request id: an async slice ends under its start's name. */
    private final Map<Long, String> inFlight = new HashMap<>();
    private long events;

    /**
     * @param label what was traced (experiment, variant, workload, trial), recorded in the trace's metadata
     */
    public ChromeTrace(int cpus, String label) {
        this.cpus = cpus;
        runningTid = new long[cpus];
        runningName = new String[cpus];
        runningSince = new long[cpus];
        try {
            out = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8);
            out.writeStartObject();
            out.writeStringField("displayTimeUnit", "ns");
            out.writeObjectFieldStart("otherData");
            out.writeStringField("trial", label);
            out.writeStringField("clock", "virtual time since boot");
            out.writeEndObject();
            out.writeArrayFieldStart("traceEvents");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void contextSwitch(int cpu, long time, long fromTid, String fromName, long toTid, String toName) {
        closeSlice(cpu, time);
        threadNames.putIfAbsent(toTid, toName);
        if (!toName.startsWith("idle")) {
            runningTid[cpu] = toTid;
            runningName[cpu] = toName;
            runningSince[cpu] = time;
        }
    }

    @Override
    public void wakeup(long time, int wakerCpu, long tid, int targetCpu) {
        event("i", "wakeup " + name(tid), CPUS_PID, targetCpu, time, () -> {
            out.writeStringField("s", "t");
            out.writeObjectFieldStart("args");
            out.writeNumberField("tid", tid);
            out.writeNumberField("wakerCpu", wakerCpu);
            out.writeEndObject();
        });
    }

    @Override
    public void tokenWait(long tid, String token, long start, long end) {
        event("X", "wait " + token, THREADS_PID, tid, start, () -> {
            out.writeNumberField("dur", micros(end - start));
            out.writeStringField("cat", "token");
        });
    }

    @Override
    public void migration(long time, long tid, int fromCpu, int toCpu) {
        event("i", "migrate cpu" + fromCpu + "→cpu" + toCpu, THREADS_PID, tid, time, () -> {
            out.writeStringField("s", "t");
            out.writeStringField("cat", "migration");
        });
    }

    @Override
    public void ipiReceive(long time, int cpu, int fromCpu, int messages) {
        event("i", "ipi from cpu" + fromCpu, CPUS_PID, cpu, time, () -> {
            out.writeStringField("s", "t");
            out.writeStringField("cat", "ipi");
            out.writeObjectFieldStart("args");
            out.writeNumberField("messages", messages);
            out.writeEndObject();
        });
    }

    @Override
    public void fault(long time, int cpu, long tid, long address, boolean write) {
        event("i", write ? "fault write" : "fault read", THREADS_PID, tid, time, () -> {
            out.writeStringField("s", "t");
            out.writeStringField("cat", "vm");
            out.writeObjectFieldStart("args");
            out.writeStringField("address", "0x" + Long.toHexString(address));
            out.writeNumberField("cpu", cpu);
            out.writeEndObject();
        });
    }

    @Override
    public void ioStart(long time, String device, long request, long offset, int bytes, boolean write) {
        String size = MemorySize.format(bytes);
        String name = !write ? "read " + size : bytes == 0 ? "flush" : "write " + size;
        inFlight.put(request, name);
        event("b", name, DISKS_PID, disk(device), time, () -> {
            out.writeStringField("cat", "bio");
            out.writeNumberField("id", request);
            out.writeObjectFieldStart("args");
            out.writeNumberField("offset", offset);
            out.writeNumberField("bytes", bytes);
            out.writeEndObject();
        });
    }

    @Override
    public void ioDone(long time, String device, long request) {
        String name = inFlight.remove(request);
        if (name == null) {
            return; // started before tracing began: there is no start to close
        }
        event("e", name, DISKS_PID, disk(device), time, () -> {
            out.writeStringField("cat", "bio");
            out.writeNumberField("id", request);
        });
    }

    /** A global instant event: a line across every track (the end of the warm-up, a timed event). */
    public void mark(String name, long time) {
        event("i", name, CPUS_PID, 0, time, () -> out.writeStringField("s", "g"));
    }

    /** Events recorded so far, not counting the metadata. */
    public long events() {
        return events;
    }

    /** Closes the slices still running at {@code end}, names the tracks and returns the whole document. */
    public byte[] finish(long end) {
        for (int cpu = 0; cpu < cpus; cpu++) {
            closeSlice(cpu, end);
        }
        try {
            metadata("process_name", CPUS_PID, 0, "CPUs");
            metadata("process_name", THREADS_PID, 0, "threads");
            for (int cpu = 0; cpu < cpus; cpu++) {
                metadata("thread_name", CPUS_PID, cpu, "cpu" + cpu);
                metadata("thread_sort_index", CPUS_PID, cpu, cpu);
            }
            for (Map.Entry<Long, String> t : threadNames.entrySet()) {
                metadata("thread_name", THREADS_PID, t.getKey(), t.getValue() + " (" + t.getKey() + ")");
            }
            if (!disks.isEmpty()) {
                metadata("process_name", DISKS_PID, 0, "disks");
                for (Map.Entry<String, Integer> d : disks.entrySet()) {
                    metadata("thread_name", DISKS_PID, d.getValue(), d.getKey());
                }
            }
            out.writeEndArray();
            out.writeEndObject();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void closeSlice(int cpu, long time) {
        String name = runningName[cpu];
        if (name == null) {
            return;
        }
        runningName[cpu] = null;
        if (time == runningSince[cpu]) {
            return; // switched away at once (boot, a failed token reacquisition): nothing to draw
        }
        long tid = runningTid[cpu];
        // the tid in the name tells forked processes of one name apart and gives each its own colour
        event("X", name + " " + tid, CPUS_PID, cpu, runningSince[cpu], () -> {
            out.writeNumberField("dur", micros(time - runningSince[cpu]));
            out.writeObjectFieldStart("args");
            out.writeNumberField("tid", tid);
            out.writeEndObject();
        });
    }

    private int disk(String device) {
        return disks.computeIfAbsent(device, d -> disks.size());
    }

    private String name(long tid) {
        return threadNames.getOrDefault(tid, "tid " + tid);
    }

    private void event(String ph, String name, int pid, long tid, long time, Fields extra) {
        try {
            out.writeStartObject();
            out.writeStringField("ph", ph);
            out.writeStringField("name", name);
            out.writeNumberField("pid", pid);
            out.writeNumberField("tid", tid);
            out.writeNumberField("ts", micros(time));
            extra.write();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events++;
    }

    private void metadata(String kind, int pid, long tid, Object value) throws IOException {
        out.writeStartObject();
        out.writeStringField("ph", "M");
        out.writeStringField("name", kind);
        out.writeNumberField("pid", pid);
        out.writeNumberField("tid", tid);
        out.writeNumberField("ts", 0);
        out.writeObjectFieldStart("args");
        if (value instanceof Integer i) {
            out.writeNumberField("sort_index", i);
        } else {
            out.writeStringField("name", (String) value);
        }
        out.writeEndObject();
        out.writeEndObject();
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    @FunctionalInterface
    private interface Fields {
        void write() throws IOException;
    }
}
