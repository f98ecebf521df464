package org.odonata.experiments.rtapp;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.kern.Workload;
import org.odonata.api.metric.Metric;
import org.odonata.experiments.workload.MeasuredRun;
import org.odonata.experiments.workload.Param;
import org.odonata.experiments.workload.Params;
import org.odonata.experiments.workload.RunRecord;
import org.odonata.experiments.workload.SimWorkload;
import org.osgi.service.component.annotations.Component;

/**
 * Runs an rt-app JSON file: {@code rt-app FILE [locks=mutex|token]}. A launcher process creates one
 * {@link WakeChannel} per thread instance, then forks every instance of every task (tasks with
 * {@code instance: 0} only start when forked). With {@code locks=mutex} rt-app mutexes are user-space
 * mutexes that block in the kernel; with {@code locks=token} a lock/unlock region becomes a kernel section
 * holding the LWKT token {@code rtapp.NAME}, so the token implementation under test is what serialises it
 * (such a region may hold only run, runtime, sleep, mem and iorun events). The file's {@code duration} is
 * not enforced: the trial window (or {@code --for}) decides how long it runs.
 */
@Component(service = Workload.class, property = "name=rt-app")
public final class RtAppWorkload extends SimWorkload {

    private static final List<Param> PARAMS = List.of(
            Param.choice("locks", "mutex", "how rt-app mutexes are implemented", "mutex", "token"));
    private static final Set<RtAppEvent.Kind> IN_TOKEN = EnumSet.of(RtAppEvent.Kind.RUN, RtAppEvent.Kind.RUNTIME,
            RtAppEvent.Kind.SLEEP, RtAppEvent.Kind.MEM, RtAppEvent.Kind.IORUN);

    @Override
    public String name() {
        return "rt-app";
    }

    @Override
    public String usage() {
        return "rt-app FILE.json locks=mutex|token";
    }

    @Override
    public String description() {
        return "an rt-app JSON workload file (tasks, phases, run/sleep/timer/lock/barrier/suspend/resume events)";
    }

    @Override
    public List<Param> parameters() {
        return PARAMS;
    }

    @Override
    protected int leadingArgs() {
        return 1;
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random) {
        throw new IllegalArgumentException("rt-app needs its file: " + usage());
    }

    @Override
    protected MeasuredRun launch(Kernel kernel, Params params, RandomGenerator random, List<String> args) {
        if (args.isEmpty() || args.get(0).contains("=")) {
            throw new IllegalArgumentException("rt-app needs its file first: " + usage());
        }
        RtAppFile file = RtAppFile.read(Path.of(args.get(0)));
        boolean tokens = params.string("locks").equals("token");
        if (tokens) {
            checkTokenRegions(file);
        }
        RunRecord run = new RunRecord(name(), "loops", List.of(
                Metric.count("loops", "loops", "task loops completed"),
                Metric.count("events", "events", "rt-app events carried out"),
                Metric.count("timer_overruns", "periods", "timer periods missed"),
                Metric.count("threads", "threads", "threads started")), "timer", "run_delay");
        run.note(file.notes().stream().map(n -> file.source().getFileName() + ": " + n).toList());
        RtAppSync sync = new RtAppSync();
        Map<String, Integer> barrierParties = new LinkedHashMap<>();
        for (RtAppTask t : file.tasks()) {
            t.phases().stream().flatMap(p -> p.events().stream())
                    .filter(e -> e.kind() == RtAppEvent.Kind.BARRIER).map(RtAppEvent::ref).distinct()
                    .forEach(b -> barrierParties.merge(b, t.instances(), Integer::sum));
        }
        barrierParties.forEach(sync::declareBarrier);
        Context ctx = new Context(file, run, sync, tokens, kernel.machine().costs().frequencyHz(),
                kernel.machine().costs().lineMemory());
        kernel.spawn("rt-app", sys -> {
            // each thread's wake-up pipe is made just before its fork, so the first threads start at once
            for (RtAppTask t : file.tasks()) {
                for (int i = 0; i < t.instances(); i++) {
                    fork(sys, new RtAppThread(t, ctx, new WakeChannel(sys.pipe())));
                    run.add("threads", 1);
                }
            }
            while (sys.waitpid() > 0) {
                // the launcher reaps its tasks, as rt-app's main thread joins them
            }
        });
        return run;
    }

    private static void checkTokenRegions(RtAppFile file) {
        for (RtAppTask t : file.tasks()) {
            for (RtAppPhase p : t.phases()) {
                List<RtAppEvent> ev = p.events();
                for (int i = 0; i < ev.size(); i++) {
                    if (ev.get(i).kind() != RtAppEvent.Kind.LOCK) {
                        continue;
                    }
                    int end = RtAppThread.matchingUnlock(ev, i, ev.size(), ev.get(i).ref());
                    for (int k = i + 1; k < end; k++) {
                        if (!IN_TOKEN.contains(ev.get(k).kind()) && ev.get(k).kind() != RtAppEvent.Kind.LOCK
                                && ev.get(k).kind() != RtAppEvent.Kind.UNLOCK) {
                            throw new IllegalArgumentException("locks=token: task \"" + t.name() + "\" does "
                                    + ev.get(k).kind().name().toLowerCase() + " while holding \"" + ev.get(i).ref()
                                    + "\"; a token region may hold only run, runtime, sleep, mem and iorun (use "
                                    + "locks=mutex)");
                        }
                    }
                }
            }
        }
    }

    /** What every thread of one started file shares. */
    record Context(RtAppFile file, RunRecord run, RtAppSync sync, boolean tokenLocks, long frequencyHz,
            long lineMemoryCycles) {

        long cycles(long nanos) {
            return Math.round(nanos * (frequencyHz / 1e9));
        }
    }
}
