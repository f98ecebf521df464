package org.odonata.kern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.odonata.api.kern.SwapReport;
import org.odonata.api.machine.Machine;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/**
 * LWKT token semantics ({@code sys/kern/lwkt_token.c}) over a swappable acquisition algorithm. Tokens serialize a
 * thread only while it runs: {@link #relAll} drops every token a thread holds whenever it switches out, and
 * {@link #getAll} reacquires them all-or-nothing (stack order, or creation order once the thread has been
 * contended more than {@code lwkt.spin_loops} times, to break livelock) before it resumes. {@link #gettoken} asks
 * the algorithm to acquire within {@code lwkt.token_spin_budget_ns} (see {@link Sysctls}); when it gives up the
 * collision is counted and the thread switches away, staying runnable, so it returns owning the token. The global
 * tokens and a {@link #POOL_TOKENS}-entry pool keyed by a hash of the object's name are the tokens there are.
 * <p>
 * Cost: what the algorithm charges through the coherence model; the stack bookkeeping is free.
 * Simplification: pool tokens are created on first use.
 */
final class Tokens {

    static final int POOL_TOKENS = 16384; /* must be a power of 2 */
    static final List<String> GLOBALS = List.of("mp", "pmap", "dev", "vm", "vmspace", "kvm", "sigio", "tty", "vnode",
            "vga", "kbd");

    private final SimKernel k;
    private final Map<String, Token> globals = new LinkedHashMap<>();
    private final Token[] pool = new Token[POOL_TOKENS];
    private final List<Token> all = new ArrayList<>();
    private final LockStatsRecorder globalClass = new LockStatsRecorder("global");
    private final LockStatsRecorder poolClass = new LockStatsRecorder("pool");

    /**
     * The last name looked up (compared by identity) and its token: callers repeat the same name object, and a
     * name always maps to the same token, so this skips the map and the hash.
     */
    private String lastObject;
    private Token lastToken;

    private TokenAlgorithm alg;
    private String name;
    TokenAlgorithmFactory fallback;

    long acquisitions;
    long collisions;

    Tokens(SimKernel k, TokenAlgorithmFactory factory) {
        this.k = k;
        install(factory);
        for (String g : GLOBALS) {
            globals.put(g, create(g + "_token", true));
        }
    }

    String name() {
        return name;
    }

    /** The global token of that name ({@code mp}, {@code vm}, …) or the pool token its name hashes to. */
    Token lookup(String object) {
        if (object == lastObject) {
            return lastToken;
        }
        Token t = globals.get(object);
        if (t == null) {
            int idx = poolIndex(object);
            t = pool[idx];
            if (t == null) {
                t = pool[idx] = create("pool:" + idx, false);
            }
        }
        lastObject = object;
        lastToken = t;
        return t;
    }

    /** {@code lwkt_token_pool_lookup}: two prime moduli XORed, masked to the pool size. */
    static int poolIndex(String object) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < object.length(); i++) {
            h = (h ^ object.charAt(i)) * 0x100000001b3L;
        }
        h &= Long.MAX_VALUE;
        return (int) (((h % 16381) ^ (h % 16369)) & (POOL_TOKENS - 1));
    }

    /** {@code lwkt_gettoken}: pushes a tokref and returns owning the token, switching away while it is contended. */
    void gettoken(Td td, Token tok, TokenMode mode) {
        if (td.toksStop == Td.MAXTOKS) {
            throw new IllegalStateException(td + ": token stack overflow (" + Td.MAXTOKS + " tokrefs)");
        }
        TokRef ref = td.toks[td.toksStop];
        if (ref == null) {
            ref = td.toks[td.toksStop] = new TokRef();
        }
        ref.set(tok, mode);
        td.toksStop++;
        long t0 = k.engine.now();
        if (acquire(td.gd.cpu, td.tid, ref)) {
            gained(td.gd.cpu, td.tid, ref);
        } else {
            collided(td.gd.cpu, td.tid, tok);
            td.wmesg = tok.name;
            while (!ref.held) {
                // stays runnable: lwkt_switch releases our other tokens and reacquires all of them before we resume
                k.lwkt.lwktSwitch(td);
            }
            td.wmesg = "";
        }
        long waited = k.engine.now() - t0;
        // a wait is virtual time spent spinning or switched away; an acquire that never parked took none
        if (waited > 0) {
            if (k.trace != null) {
                k.trace.tokenWait(td.tid, tok.name, t0, t0 + waited);
            }
            tok.stats.recordWait(waited);
            classOf(tok).recordWait(waited);
        }
    }

    /** {@code body} between {@code lwkt_gettoken} and {@code lwkt_reltoken} (unless the thread exited inside it). */
    void withToken(Td td, Token tok, TokenMode mode, Runnable body) {
        gettoken(td, tok, mode);
        try {
            body.run();
        } finally {
            if (!td.exited) {
                reltoken(td);
            }
        }
    }

    /** {@code lwkt_reltoken}: pops and releases the top tokref. */
    void reltoken(Td td) {
        if (td.toksStop == 0) {
            throw new IllegalStateException(td + ": releasing a token it does not hold");
        }
        TokRef ref = td.toks[--td.toksStop];
        if (ref.held) {
            release(td.gd.cpu, td.tid, ref);
        }
    }

    /** {@code lwkt_relalltokens}: at every switch away, in reverse stack order. */
    void relAll(Td td) {
        for (int i = td.toksStop - 1; i >= 0; i--) {
            TokRef ref = td.toks[i];
            if (ref.held) {
                release(td.gd.cpu, td.tid, ref);
            }
        }
    }

    /**
     * {@code lwkt_getalltokens}: acquires every token of {@code td} for CPU {@code gd}, or none (releasing what
     * this pass took); sorted by creation order once {@code td_contended} exceeds {@code lwkt.spin_loops}. With
     * {@code spinLast} the last ref gets the spin budget, as in {@code lwkt_gettoken}; every other ref one try.
     */
    boolean getAll(Globaldata gd, Td td, boolean spinLast) {
        int n = td.toksStop;
        TokRef[] order = td.toks;
        if (td.contended > k.sysctls.spinLoops && n > 1) {
            order = Arrays.copyOf(td.toks, n);
            Arrays.sort(order, Comparator.comparingInt(r -> r.tok.order));
        }
        for (int i = 0; i < n; i++) {
            TokRef ref = order[i];
            if (spinLast && i == n - 1 ? acquire(gd.cpu, td.tid, ref) : tryAcquire(gd.cpu, td.tid, ref)) {
                gained(gd.cpu, td.tid, ref);
                continue;
            }
            collided(gd.cpu, td.tid, ref.tok);
            for (int j = i - 1; j >= 0; j--) {
                release(gd.cpu, td.tid, order[j]);
            }
            return false;
        }
        return true;
    }

    /** Names of the tokens on {@code td}'s stack, bottom first. */
    List<String> names(Td td) {
        List<String> names = new ArrayList<>(td.toksStop);
        for (int i = 0; i < td.toksStop; i++) {
            names.add(td.toks[i].tok.name);
        }
        return names;
    }

    /**
     * Replaces the algorithm at a safe point: a new lock per token, the current holders re-registered in them
     * ({@code tryAcquire}, which must succeed), then the old locks abandoned so acquires in flight give up and
     * retry against the new ones.
     */
    SwapReport swap(TokenAlgorithmFactory factory) {
        long t0 = System.nanoTime();
        String from = name;
        int moved = replace(factory);
        return new SwapReport("sync", from, name, k.engine.now(), moved, System.nanoTime() - t0);
    }

    List<LockStats> stats() {
        List<LockStats> out = new ArrayList<>();
        long globalSpin = 0;
        long poolSpin = 0;
        for (Token t : all) {
            long spin = t.spinBase + t.lock.spinCycles();
            if (t.global) {
                globalSpin += spin;
            } else {
                poolSpin += spin;
            }
            if (t.stats.acquisitions > 0 || t.stats.collisions > 0) {
                out.add(t.stats.snapshot(spin));
            }
        }
        out.add(globalClass.snapshot(globalSpin));
        out.add(poolClass.snapshot(poolSpin));
        return out;
    }

    long spinCycles() {
        long s = 0;
        for (Token t : all) {
            s += t.spinBase + t.lock.spinCycles();
        }
        return s;
    }

    private int replace(TokenAlgorithmFactory factory) {
        TokenLock[] old = new TokenLock[all.size()];
        install(factory);
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            old[i] = t.lock;
            t.spinBase += safeSpin(t.lock);
            t.lock = alg.newToken(t.name);
        }
        int moved = 0;
        for (Td td : k.allThreads()) {
            for (int i = 0; i < td.toksStop; i++) {
                TokRef ref = td.toks[i];
                if (ref.held) {
                    if (!ref.tok.lock.tryAcquire(td.gd.cpu, td.tid, ref.mode)) {
                        throw new IllegalStateException("token implementation '" + name + "' refused holder " + td
                                + " of " + ref.tok.name + " (" + ref.mode + ") while taking over");
                    }
                    moved++;
                }
            }
        }
        for (TokenLock l : old) {
            try {
                l.abandon();
            } catch (RuntimeException e) {
                k.fault("sync", "abandon() of the replaced lock " + l.name() + " threw " + e);
            }
        }
        return moved;
    }

    private static long safeSpin(TokenLock l) {
        try {
            return l.spinCycles();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void install(TokenAlgorithmFactory factory) {
        TokenAlgorithm a = factory.create();
        String n = factory.name();
        RandomGenerator random = k.engine.random().stream("sync." + n);
        Machine m = k.machine;
        a.init(new SyncHost() {
            @Override
            public Machine machine() {
                return m;
            }

            @Override
            public RandomGenerator random() {
                return random;
            }
        });
        alg = a;
        name = n;
    }

    private Token create(String tokenName, boolean global) {
        Token t = new Token(tokenName, all.size(), global, alg.newToken(tokenName));
        all.add(t);
        return t;
    }

    private void gained(int cpu, long tid, TokRef ref) {
        ref.held = true;
        ref.heldSince = k.engine.now();
        if (k.trace != null) {
            k.trace.tokenAcquire(ref.heldSince, cpu, tid, ref.tok.name);
        }
        ref.tok.stats.acquisitions++;
        classOf(ref.tok).acquisitions++;
        acquisitions++;
    }

    private void collided(int cpu, long tid, Token tok) {
        if (k.trace != null) {
            k.trace.tokenCollide(k.engine.now(), cpu, tid, tok.name);
        }
        tok.stats.collisions++;
        classOf(tok).collisions++;
        collisions++;
    }

    private LockStatsRecorder classOf(Token t) {
        return t.global ? globalClass : poolClass;
    }

    // The SPI boundary: an implementation that throws is ejected for the fallback (if any) and the call retried.

    private boolean acquire(int cpu, long owner, TokRef ref) {
        TokenLock used = ref.tok.lock;
        boolean ok;
        try {
            ok = used.acquire(cpu, owner, ref.mode, k.sysctls.tokenSpinBudgetNanos);
        } catch (RuntimeException e) {
            eject("acquire", ref.tok, e);
            used = ref.tok.lock;
            ok = used.acquire(cpu, owner, ref.mode, k.sysctls.tokenSpinBudgetNanos);
        }
        if (ok && used != ref.tok.lock) {
            // granted by a lock that was replaced while we waited in it (a queue lock may hand over before it sees
            // abandon()): that hold is void, the token's current lock is the one that counts
            return tryAcquire(cpu, owner, ref);
        }
        return ok;
    }

    private boolean tryAcquire(int cpu, long owner, TokRef ref) {
        try {
            return ref.tok.lock.tryAcquire(cpu, owner, ref.mode);
        } catch (RuntimeException e) {
            eject("tryAcquire", ref.tok, e);
            return ref.tok.lock.tryAcquire(cpu, owner, ref.mode);
        }
    }

    private void release(int cpu, long owner, TokRef ref) {
        ref.held = false;
        long held = k.engine.now() - ref.heldSince;
        if (k.trace != null) {
            k.trace.tokenRelease(k.engine.now(), cpu, owner, ref.tok.name, held);
        }
        ref.tok.stats.recordHold(held);
        classOf(ref.tok).recordHold(held);
        try {
            ref.tok.lock.release(cpu, owner, ref.mode);
        } catch (RuntimeException e) {
            // the hold is already dropped in our books: the fallback's locks never see it
            eject("release", ref.tok, e);
        }
    }

    private void eject(String op, Token tok, RuntimeException e) {
        String what = "token implementation '" + name + "' threw from " + op + "(" + tok.name + "): " + e;
        if (fallback == null || fallback.name().equals(name)) {
            k.fault("sync", what + "; no fallback installed");
            throw e;
        }
        k.fault("sync", what + "; ejected, falling back to '" + fallback.name() + "'");
        replace(fallback);
    }
}
