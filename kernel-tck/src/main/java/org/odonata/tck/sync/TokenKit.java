package org.odonata.tck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.Kernel;
import org.odonata.api.machine.MachineSpec;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;
import org.odonata.tck.Platform;
import org.odonata.tck.Property;
import org.odonata.tck.TckReport;
import org.odonata.tck.sched.ReferenceScheduler;
import org.odonata.tck.sched.sim.Topologies;

/**
 * The token conformance kit. The lock-level properties drive the implementation's locks from simulated threads
 * pinned to the 64 CPUs of a real simulated {@code server-2s32c64t} ({@link TokenRig}); the kernel-level ones
 * boot a real kernel with it, where the core adds the token semantics (held only while running, released at a
 * block, reacquired all-or-nothing) that a faulty lock can still break. A unit test checks an implementation in
 * one line: {@code TokenKit.assertConforms(new MyFactory());}
 * <p>
 * The properties: {@code mutual-exclusion}, {@code shared-exclusive} (an exclusive holder keeps out both modes, a
 * shared holder keeps out exclusive requests), {@code shared-coexist} (when claimed), {@code recursion} (the
 * exclusive owner asking again in either mode succeeds, every hold is given back), {@code giving-up} (a request
 * that runs out of budget, or is abandoned, gives up within {@link #ABANDON_BOUND_NANOS} and leaves no trace),
 * {@code progress} (under contention with unlimited budgets everyone gets through), {@code determinism},
 * {@code release-on-block} (another process takes the tokens of one that sleeps holding them), {@code
 * all-or-nothing} (a process resuming after a sleep holds all its tokens again, never sharing one) and {@code
 * no-deadlock} (processes taking two tokens in opposite orders, some sleeping inside, all finish).
 */
public final class TokenKit {

    /** How soon after {@code abandon()} every waiter must have given up: 500 virtual µs. */
    public static final long ABANDON_BOUND_NANOS = 500_000;

    private static final long MS = 1_000_000L;
    /** Rounds each sleeping process makes in the kernel-level properties. */
    private static final int ROUNDS = 20;
    /** Virtual time a lock-level scenario may take before its threads count as stuck: 50 times what it needs. */
    private static final long RIG_LIMIT_NANOS = 200 * MS;
    /** The token spin budget the kernel-level properties run with ({@code lwkt.token_spin_budget_ns}). */
    private static final long SPIN_BUDGET_NANOS = 2_000;

    private final TokenAlgorithmFactory factory;
    private final Platform platform;

    private TokenKit(TokenAlgorithmFactory factory, Platform platform) {
        this.factory = factory;
        this.platform = platform;
    }

    /** Every property against {@code factory}, on the platform found on the class path. */
    public static TckReport run(TokenAlgorithmFactory factory) {
        return run(factory, Platform.fromClassPath());
    }

    public static TckReport run(TokenAlgorithmFactory factory, Platform platform) {
        return new TckReport("sync", factory.name(), new TokenKit(factory, platform).properties().stream()
                .map(Property::evaluate).toList());
    }

    /** Fails with every property's line if one fails: a token bundle's unit test. */
    public static void assertConforms(TokenAlgorithmFactory factory) {
        run(factory).assertPassed();
    }

    /** The same, on {@code platform}: with a kernel, the kernel-level properties are checked too. */
    public static void assertConforms(TokenAlgorithmFactory factory, Platform platform) {
        run(factory, platform).assertPassed();
    }

    /** The properties against {@code factory}, in the order reports list them, to run one by one. */
    public static List<Property> properties(TokenAlgorithmFactory factory, Platform platform) {
        return new TokenKit(factory, platform).properties();
    }

    private List<Property> properties() {
        return List.of(
                new Property("mutual-exclusion", this::mutualExclusion),
                new Property("shared-exclusive", this::sharedExclusive),
                new Property("shared-coexist", this::sharedCoexist),
                new Property("recursion", this::recursion),
                new Property("giving-up", this::givingUp),
                new Property("progress", this::progress),
                new Property("determinism", this::determinism),
                new Property("release-on-block", this::releaseOnBlock),
                new Property("all-or-nothing", this::allOrNothing),
                new Property("no-deadlock", this::noDeadlock));
    }

    private TokenRig rig(long seed) {
        return new TokenRig(factory, seed, platform);
    }

    /** 32 CPUs from both packages take one token {@code rounds} times each in modes drawn from the seed. */
    private static Occupancy contend(TokenRig rig, TokenLock token, double sharedShare, int rounds) {
        Occupancy occ = new Occupancy();
        RandomGenerator random = rig.random();
        for (int i = 0; i < 32; i++) {
            int cpu = i * 2;
            long owner = 100 + i;
            TokenMode[] modes = new TokenMode[rounds];
            long[] holds = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                modes[r] = random.nextDouble() < sharedShare ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
                holds[r] = 200 + random.nextInt(2_000);
            }
            rig.spawn("cpu" + cpu, random.nextInt(1_000), () -> {
                for (int r = 0; r < rounds; r++) {
                    rig.lock(token, cpu, owner, modes[r]);
                    occ.enter(modes[r]);
                    rig.work(cpu, holds[r]);
                    occ.leave(modes[r]);
                    token.release(cpu, owner, modes[r]);
                    rig.work(cpu, holds[r] / 2);
                }
            });
        }
        rig.runToCompletion(RIG_LIMIT_NANOS);
        return occ;
    }

    private String mutualExclusion() {
        for (long seed = 1; seed <= 2; seed++) {
            TokenRig rig = rig(seed);
            Occupancy occ = contend(rig, rig.token("mp"), 0, 20);
            check(occ.violations == 0, "seed " + seed + ": " + occ.violations + " times two exclusive holders "
                    + "were inside at once");
            check(occ.entries == 32 * 20, "seed " + seed + ": " + occ.entries + " of 640 holds happened");
        }
        return "32 CPUs × 20 exclusive holds of one token, 2 seeds: never two holders inside";
    }

    private String sharedExclusive() {
        TokenRig rig = rig(1);
        Occupancy occ = contend(rig, rig.token("vm"), 0.6, 20);
        check(occ.violations == 0, occ.violations + " times an exclusive holder was inside with another holder");
        check(occ.entries == 32 * 20, occ.entries + " of 640 holds happened");
        List<String> seen = holderKeepsOut(TokenMode.EXCLUSIVE);
        check(seen.equals(List.of("try-shared false", "try-exclusive false", "shared false", "exclusive false",
                "after release true")), "against an exclusive holder: " + seen);
        seen = holderKeepsOut(TokenMode.SHARED);
        check(seen.get(1).equals("try-exclusive false") && seen.get(3).equals("exclusive false")
                && seen.get(4).equals("after release true"), "against a shared holder: " + seen);
        return "a mixed load of 640 holds never overlapped a writer; an exclusive holder kept out both modes, a "
                + "shared holder exclusive requests";
    }

    /** What a second CPU gets, in both modes, while CPU 0 holds the token in {@code held} for 300 µs. */
    private List<String> holderKeepsOut(TokenMode held) {
        TokenRig rig = rig(1);
        TokenLock token = rig.token("vnode");
        List<String> seen = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            check(token.tryAcquire(0, 1, held), "a free token refused tryAcquire(" + held + ")");
            rig.work(0, 900_000);
            token.release(0, 1, held);
        });
        rig.spawn("others", 1_000, () -> {
            seen.add("try-shared " + release(token, 40, tryAtOnce(rig, token, TokenMode.SHARED), TokenMode.SHARED));
            seen.add("try-exclusive " + release(token, 40, tryAtOnce(rig, token, TokenMode.EXCLUSIVE),
                    TokenMode.EXCLUSIVE));
            seen.add("shared " + release(token, 40, token.acquire(40, 2, TokenMode.SHARED, 5_000),
                    TokenMode.SHARED));
            seen.add("exclusive " + release(token, 40, token.acquire(40, 2, TokenMode.EXCLUSIVE, 5_000),
                    TokenMode.EXCLUSIVE));
            rig.work(40, 1_800_000);
            seen.add("after release " + release(token, 40, token.tryAcquire(40, 2, TokenMode.EXCLUSIVE),
                    TokenMode.EXCLUSIVE));
        });
        rig.runToCompletion(RIG_LIMIT_NANOS);
        return seen;
    }

    /** CPU 40's tryAcquire, which must not wait: it may take a few line transfers, not 10 µs. */
    private static boolean tryAtOnce(TokenRig rig, TokenLock token, TokenMode mode) {
        long before = rig.engine().now();
        boolean got = token.tryAcquire(40, 2, mode);
        long took = rig.engine().now() - before;
        check(took < 10_000, "tryAcquire(" + mode + ") waited " + took / 1_000 + " µs (it must never wait)");
        return got;
    }

    private static boolean release(TokenLock token, int cpu, boolean got, TokenMode mode) {
        if (got) {
            token.release(cpu, 2, mode);
        }
        return got;
    }

    private String sharedCoexist() {
        if (!factory.sharedHoldersCoexist()) {
            throw new Property.NotClaimed("not claimed (TokenAlgorithmFactory.sharedHoldersCoexist() is false)");
        }
        TokenRig rig = rig(1);
        TokenLock token = rig.token("vmspace");
        Occupancy occ = new Occupancy();
        for (int i = 0; i < 8; i++) {
            int cpu = i * 8;
            long owner = i;
            rig.spawn("reader" + i, i * 10L, () -> {
                rig.lock(token, cpu, owner, TokenMode.SHARED);
                occ.enter(TokenMode.SHARED);
                rig.work(cpu, 90_000);
                occ.leave(TokenMode.SHARED);
                token.release(cpu, owner, TokenMode.SHARED);
            });
        }
        rig.runToCompletion(RIG_LIMIT_NANOS);
        check(occ.maxReaders == 8, "only " + occ.maxReaders + " of 8 readers were inside at once");
        return "8 readers on 8 CPUs were inside together";
    }

    private String recursion() {
        TokenRig rig = rig(1);
        TokenLock token = rig.token("mp");
        rig.spawn("owner", 0, () -> {
            check(token.acquire(3, 7, TokenMode.EXCLUSIVE, 0), "a free token refused acquire");
            check(token.tryAcquire(3, 7, TokenMode.EXCLUSIVE), "the owner's tryAcquire(exclusive) failed");
            check(token.tryAcquire(3, 7, TokenMode.SHARED), "the owner's tryAcquire(shared) failed");
            check(token.acquire(3, 7, TokenMode.EXCLUSIVE, 0), "the owner's acquire(exclusive) failed");
            check(token.acquire(3, 7, TokenMode.SHARED, 0), "the owner's acquire(shared) failed");
            check(!token.tryAcquire(5, 8, TokenMode.SHARED), "another CPU got a shared hold from the owner");
            token.release(3, 7, TokenMode.SHARED);
            token.release(3, 7, TokenMode.EXCLUSIVE);
            token.release(3, 7, TokenMode.SHARED);
            token.release(3, 7, TokenMode.EXCLUSIVE);
            check(!token.tryAcquire(5, 8, TokenMode.EXCLUSIVE), "the outer hold was lost after four releases");
            token.release(3, 7, TokenMode.EXCLUSIVE);
            check(token.tryAcquire(5, 8, TokenMode.EXCLUSIVE), "a hold was not given back after five releases");
            token.release(5, 8, TokenMode.EXCLUSIVE);
        });
        rig.runToCompletion(RIG_LIMIT_NANOS);
        return "the owner asked again four times in both modes; five releases gave the token back";
    }

    private String givingUp() {
        TokenRig rig = rig(1);
        TokenLock token = rig.token("dev");
        List<Boolean> gaveUp = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            check(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE), "a free token refused tryAcquire");
            rig.work(0, 600_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        for (int i = 0; i < 6; i++) {
            int cpu = 10 + i * 9;
            long owner = 10 + i;
            TokenMode mode = i % 3 == 0 ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
            rig.spawn("quitter" + i, 500 + i * 700L,
                    () -> gaveUp.add(!token.acquire(cpu, owner, mode, 3_000 + owner * 500)));
        }
        // exclusive first: an exclusive request that gave up may leave a request mark that holds off a lone shared
        // request until the next exclusive acquisition clears it (DragonFly's EXCLREQ, _lwkt_trytokref)
        rig.spawn("latecomer", 300_000, () -> {
            check(token.tryAcquire(63, 99, TokenMode.EXCLUSIVE), "an exclusive request right after the holder "
                    + "left failed: a request that gave up left a hold");
            token.release(63, 99, TokenMode.EXCLUSIVE);
            check(token.acquire(63, 99, TokenMode.SHARED, 0), "a shared request after the holder left and an "
                    + "exclusive acquisition came and went failed: a request that gave up left a hold");
            token.release(63, 99, TokenMode.SHARED);
        });
        rig.runToCompletion(RIG_LIMIT_NANOS);
        check(gaveUp.equals(List.of(true, true, true, true, true, true)), "requests with budgets of 3.5-8 µs "
                + "against a 200 µs hold: gave up " + gaveUp);
        long latest = abandonLatencyNanos(rig(1));
        check(latest <= ABANDON_BOUND_NANOS, "a waiter gave up only " + latest / 1_000 + " µs after abandon()");
        return "6 requests gave up at their budgets and left no hold; after abandon() every waiter gave up within "
                + latest / 1_000 + " µs (bound " + ABANDON_BOUND_NANOS / 1_000 + " µs)";
    }

    /**
     * Eight waiters from both sockets, with a 1 s budget behind a 3 ms hold, are abandoned at 60 µs: how long the
     * last of them took to give up. An implementation's own tests may hold it to a tighter bound.
     */
    public static long abandonLatencyNanos(TokenRig rig) {
        TokenLock token = rig.token("tty");
        long abandonAt = 60_000;
        List<Long> gaveUpAt = new ArrayList<>();
        rig.spawn("holder", 0, () -> {
            check(token.tryAcquire(0, 1, TokenMode.EXCLUSIVE), "a free token refused tryAcquire");
            rig.work(0, 9_000_000);
            token.release(0, 1, TokenMode.EXCLUSIVE);
        });
        for (int i = 0; i < 8; i++) {
            int cpu = 4 + i * 7;
            long owner = 20 + i;
            TokenMode mode = i % 4 == 0 ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
            rig.spawn("waiter" + i, 1_000 + i * 3_000L, () -> {
                boolean won = token.acquire(cpu, owner, mode, 1_000_000_000L);
                check(!won, "a " + mode + " request was granted while the token was held exclusively");
                gaveUpAt.add(rig.engine().now());
            });
        }
        rig.engine().at(abandonAt, token::abandon);
        rig.runToCompletion(RIG_LIMIT_NANOS);
        check(gaveUpAt.size() == 8, gaveUpAt.size() + " of 8 waiters gave up");
        return gaveUpAt.stream().mapToLong(Long::longValue).max().orElseThrow() - abandonAt;
    }

    private String progress() {
        TokenRig rig = rig(2);
        TokenLock token = rig.token("kvm");
        RandomGenerator random = rig.random();
        for (int i = 0; i < 32; i++) {
            int cpu = i * 2;
            int me = i;
            TokenMode mode = random.nextInt(3) == 0 ? TokenMode.SHARED : TokenMode.EXCLUSIVE;
            rig.spawn("cpu" + cpu, random.nextInt(500), () -> {
                for (int r = 0; r < 10; r++) {
                    // an algorithm may give up early even without a limit; the kernel then switches and retries
                    while (!token.acquire(cpu, 100 + me, mode, TokenRig.FOREVER)) {
                        rig.work(cpu, rig.machine().costs().contextSwitch());
                    }
                    rig.work(cpu, 1_000);
                    token.release(cpu, 100 + me, mode);
                }
            });
        }
        rig.runToCompletion(RIG_LIMIT_NANOS);
        return "32 CPUs × 10 holds with unlimited budgets all got through";
    }

    private String determinism() {
        String[] runs = new String[2];
        for (int run = 0; run < 2; run++) {
            TokenRig rig = rig(42);
            TokenLock token = rig.token("sigio");
            Occupancy occ = contend(rig, token, 0.5, 10);
            runs[run] = rig.engine().now() + " " + token.spinCycles() + " " + occ.maxReaders + " "
                    + rig.machine().digest();
        }
        check(runs[0].equals(runs[1]), "two runs with the same seed differ: " + runs[0] + " vs " + runs[1]
                + " (an unseeded random source or the host clock?)");
        return "two contended runs with the same seed ended identically (time, spin cycles, machine digest)";
    }

    // ---- in a kernel ----------------------------------------------------------------------------------------

    private Kernel boot(String preset, long seed) {
        var kernels = platform.requireKernels();
        MachineSpec base = MachineSpec.of("tck", switch (preset) {
            case "smp-4" -> Topologies.symmetric("smp-4", 1, 4, 1);
            default -> Topologies.laptop4c8t();
        });
        Kernel k = kernels.boot(platform.machines().create(new MachineSpec(base.name(), base.topology(),
                base.costs(), base.disks(), seed, platform.engine())), new ReferenceScheduler(), factory);
        k.setFallback(null, new ReferenceTokens());
        // a short timed spin, not DragonFly's bounded one (about 750 µs): contended requests give up and retry often,
        // which is what these properties exercise, and queue locks' waiters do not spin away most of the run
        k.sysctl("lwkt.token_spin_budget_ns", SPIN_BUDGET_NANOS);
        return k;
    }

    private String releaseOnBlock() {
        try (Kernel k = boot("smp-4", 3)) {
            List<String> events = new ArrayList<>();
            k.spawn("sleeper", sys -> sys.withToken("vm", false, () -> sys.withToken("vnode", false, () -> {
                events.add("sleeper holds both");
                sys.nanosleep(2_000_000);
                events.add("sleeper resumed");
            })));
            k.spawn("other", sys -> {
                sys.nanosleep(500_000);
                sys.withToken("vnode", false, () -> events.add("other took vnode"));
                sys.withToken("vm", false, () -> events.add("other took vm"));
            });
            k.runFor(6 * MS);
            noFaults(k);
            check(events.equals(List.of("sleeper holds both", "other took vnode", "other took vm",
                    "sleeper resumed")), "while a holder of vm and vnode slept 2 ms: " + events);
        }
        return "while the holder of two tokens slept, another process took both";
    }

    private String allOrNothing() {
        try (Kernel k = boot("laptop-4c8t", 5)) {
            int[] insideVm = new int[1];
            int[] insideVnode = new int[1];
            int[] overlaps = new int[1];
            int[] resumes = new int[1];
            for (int i = 0; i < 3; i++) {
                k.spawn("sleeper" + i, sys -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        sys.withToken("vm", false, () -> sys.withToken("vnode", false, () -> {
                            sys.nanosleep(50_000);
                            insideVm[0]++;
                            insideVnode[0]++;
                            if (insideVm[0] > 1 || insideVnode[0] > 1) {
                                overlaps[0]++;
                            }
                            sys.computeInKernel(20_000);
                            insideVm[0]--;
                            insideVnode[0]--;
                            resumes[0]++;
                        }));
                        sys.compute(5_000);
                    }
                });
            }
            for (int i = 0; i < 4; i++) {
                String name = i % 2 == 0 ? "vm" : "vnode";
                int[] inside = i % 2 == 0 ? insideVm : insideVnode;
                k.spawn("taker" + i, sys -> {
                    for (int r = 0; r < 10 * ROUNDS; r++) {
                        sys.withToken(name, false, () -> {
                            if (++inside[0] > 1) {
                                overlaps[0]++;
                            }
                            sys.computeInKernel(15_000);
                            inside[0]--;
                        });
                        sys.compute(2_000);
                    }
                });
            }
            finish(k, 200 * MS);
            check(overlaps[0] == 0, overlaps[0] + " times a resumed sleeper and another holder were inside the same "
                    + "token");
            return "3 sleepers resumed holding both vm and vnode " + resumes[0] + " times against 4 takers of "
                    + "either, never sharing a token";
        }
    }

    private String noDeadlock() {
        try (Kernel k = boot("laptop-4c8t", 11)) {
            for (int i = 0; i < 8; i++) {
                int me = i;
                String first = i % 2 == 0 ? "vm" : "vmspace";
                String second = i % 2 == 0 ? "vmspace" : "vm";
                k.spawn("order" + i, sys -> {
                    for (int r = 0; r < 10 * ROUNDS; r++) {
                        sys.withToken(first, false, () -> {
                            sys.computeInKernel(2_000);
                            sys.withToken(second, false, () -> {
                                if (me % 3 == 0) {
                                    sys.nanosleep(20_000);
                                } else {
                                    sys.computeInKernel(4_000);
                                }
                            });
                        });
                        sys.compute(1_000);
                    }
                });
            }
            finish(k, 200 * MS);
            return "8 processes taking vm and vmspace in opposite orders " + 10 * ROUNDS + " times, some sleeping "
                    + "inside, all finished";
        }
    }

    /**
     * Runs until every process has exited, at most {@code limitNanos}: one stuck for good (a deadlock, a lost
     * release) fails. Starving while others keep the tokens busy is not a deadlock: queue locks let a thread that
     * must reacquire two tokens at once in only when the queues empty.
     */
    private static void finish(Kernel k, long limitNanos) {
        while (k.processes() > 0 && k.now() < limitNanos) {
            k.runFor(10 * MS);
        }
        noFaults(k);
        check(k.processes() == 0, k.processes() + " processes had not finished after " + k.now() / MS
                + "ms (deadlocked or stuck on a token)");
    }

    private static void noFaults(Kernel k) {
        check(k.faults().isEmpty(), "the kernel recorded faults: " + String.join("; ", k.faults()));
    }

    private static void check(boolean ok, String failure) {
        if (!ok) {
            throw new AssertionError(failure);
        }
    }
}
