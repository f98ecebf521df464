package org.odonata.fs.hammer.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.odonata.api.block.DiskKind;
import org.odonata.api.block.DiskSpec;

/**
 * Runs workloads against a filesystem and checks it recovers from a power cut at every point. The volume is
 * formatted and set up once ({@link AceWorkloads#setup}, synced, unmounted); each workload then mounts a
 * copy-on-write view of that image through a {@link RecordingDevice}, runs its steps in lock step with an
 * {@link Oracle}, and is abandoned without unmounting. Every {@link CrashStates crash state} of the log is
 * mounted (recovery runs), checked by the filesystem's own checker and walked ({@link FsWalk}), and judged
 * by the oracle; any exception counts as a failure of that state.
 * <p>
 * Cost: one mount, check and walk per crash state; images are overlays, so memory stays at the setup image
 * plus one workload's writes.
 */
public final class CrashEnumeration {

    /**
     * @param volumeBytes size of the test volume
     * @param sectorSize  its sector size, the granularity of crash-state overlays
     * @param sampling    how to bound flush epochs too large to enumerate
     */
    public record Config(long volumeBytes, int sectorSize, CrashStates.Sampling sampling) {
    }

    /** A crash state that failed, described well enough to reproduce it. */
    public record Failure(String workload, String crashState, String problem) {

        @Override
        public String toString() {
            return workload + " / " + crashState + ": " + problem;
        }
    }

    /**
     * Totals of a run.
     *
     * @param sampledWorkloads workloads with at least one flush epoch sampled rather than enumerated
     */
    public record Result(int workloads, long crashStates, int sampledWorkloads, List<Failure> failures) {

        public String summary() {
            return "workloads: " + workloads + "  crash states: " + crashStates + "  failures: "
                    + failures.size() + (sampledWorkloads == 0 ? "  (every epoch exhaustive)"
                            : "  (" + sampledWorkloads + " workloads had sampled epochs)");
        }
    }

    private final TargetFs fs;
    private final Config config;
    private DiskImage setupImage;

    public CrashEnumeration(TargetFs fs, Config config) {
        this.fs = Objects.requireNonNull(fs, "fs");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Result run(List<Workload> workloads) {
        long states = 0;
        int sampled = 0;
        List<Failure> failures = new ArrayList<>();
        for (Workload workload : workloads) {
            CrashStates crashStates = runOne(workload, failures);
            states += crashStates.size();
            if (!crashStates.exhaustive()) {
                sampled++;
            }
        }
        return new Result(workloads.size(), states, sampled, List.copyOf(failures));
    }

    /** Records {@code workload} and checks each of its crash states, adding failures; returns the states. */
    public CrashStates runOne(Workload workload, List<Failure> failures) {
        DiskImage initial = setupImage();
        RecordingDevice device = new RecordingDevice(new ImageDevice(initial));
        FsModel model = AceWorkloads.setupModel();
        Oracle oracle = new Oracle(model.view());
        TargetFs.Mounted mounted = fs.mount(device);
        int tag = 1;
        for (Workload.Step step : workload.steps()) {
            oracle.stepStarted(device.position());
            model.apply(step.op(), tag++, mounted);
            switch (step.persist()) {
                case NONE -> { }
                case SYNC -> mounted.sync();
                case FSYNC, FSYNC_PARENT -> mounted.fsync(step.fsyncPath());
            }
            oracle.stepCompleted(step, model.view(), device.position());
        }
        CrashStates crashStates = CrashStates.of(initial, device.log(), config.sampling());
        for (CrashState state : crashStates) {
            for (String problem : check(state, oracle)) {
                failures.add(new Failure(workload.name(), state.describe(), problem));
            }
        }
        return crashStates;
    }

    private List<String> check(CrashState state, Oracle oracle) {
        try {
            TargetFs.Mounted recovered = fs.mount(state.open());
            List<String> problems = new ArrayList<>();
            for (String p : recovered.check()) {
                problems.add("check: " + p);
            }
            problems.addAll(oracle.check(FsWalk.of(recovered), state.point()));
            return problems;
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return List.of("threw " + e);
        }
    }

    /** The formatted, set-up and cleanly unmounted volume every workload starts from; built once. */
    private DiskImage setupImage() {
        if (setupImage == null) {
            DiskSpec spec = new DiskSpec("crash0", DiskKind.RAM, config.volumeBytes(), config.sectorSize(), null,
                    false);
            ImageDevice device = new ImageDevice(DiskImage.blank(spec));
            fs.format(device);
            TargetFs.Mounted mounted = fs.mount(device);
            AceWorkloads.setup(new FsModel(), mounted);
            mounted.unmount();
            setupImage = device.snapshot().compact();
        }
        return setupImage;
    }
}
