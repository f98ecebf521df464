package org.odonata.kern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.odonata.api.kern.SwapReport;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.TokenLock;
import org.odonata.api.sync.TokenMode;

/**
 * LWKT token semantics ({@code sys/kern/lwkt_token.c}) over a swappable acquisition algorithm. Tokens serialize a
 * thread only while it runs: {@link #relAll} drops every token a thread holds whenever it switches out, and
 * {@link #getAll} reacquires them all-or-nothing (stack order, or creation order once the thread has been
 * contended more than {@code lwkt.spin_loops} times, to break livelock) before it resumes. {@link #gettoken} asks
 * the algorithm to spin as {@code _lwkt_trytokref_spin} does (or within {@code lwkt.token_spin_budget_ns}, see
 * {@link Sysctls}); when it gives up the collision is counted and the thread switches away, staying runnable, so it
 * returns owning the token. The global
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
        if (acquire(td.gd.cpu, td, ref, k.sysctls.tokenSpinBudgetNanos)) {
            gained(td.gd.cpu, td, ref);
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
            release(td.gd.cpu, td, ref);
        }
    }

    /** {@code lwkt_relalltokens}: at every switch away, in reverse stack order. */
    void relAll(Td td) {
        for (int i = td.toksStop - 1; i >= 0; i--) {
            TokRef ref = td.toks[i];
            if (ref.held) {
                release(td.gd.cpu, td, ref);
            }
        }
    }

    /**
     * {@code lwkt_getalltokens}: acquires every token of {@code td} for CPU {@code gd}, or none (releasing what
     * this pass took), in stack order, or in creation order once {@code td_contended} exceeds {@code lwkt.spin_loops}
     * ({@code _lwkt_getalltokens_sorted}). Every ref but the last gets one attempt, which leaves EXCLREQ on a
     * contended exclusive token as {@code _lwkt_trytokref} does; the last spins as {@code lwkt_gettoken} does.
     */
    boolean getAll(Globaldata gd, Td td) {
        int n = td.toksStop;
        TokRef[] order = td.toks;
        if (td.contended > k.sysctls.spinLoops && n > 1) {
            order = Arrays.copyOf(td.toks, n);
            Arrays.sort(order, Comparator.comparingInt(r -> r.tok.order));
        }
        for (int i = 0; i < n; i++) {
            TokRef ref = order[i];
            if (acquire(gd.cpu, td, ref, i == n - 1 ? k.sysctls.tokenSpinBudgetNanos : 0)) {
                gained(gd.cpu, td, ref);
                continue;
            }
            collided(gd.cpu, td.tid, ref.tok);
            td.wmesg = ref.tok.name;
            for (int j = i - 1; j >= 0; j--) {
                release(gd.cpu, td, order[j]);
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
                k.faultLog.record("sync", "", "", "abandon() of the replaced lock " + l.name() + " threw " + e, e);
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
        a.init(KernelSyncHost.of(k, "sync." + n));
        alg = a;
        name = n;
    }

    private Token create(String tokenName, boolean global) {
        Token t = new Token(tokenName, all.size(), global, alg.newToken(tokenName));
        all.add(t);
        return t;
    }

    private void gained(int cpu, Td td, TokRef ref) {
        ref.held = true;
        ref.refusedAt = -1;
        ref.tok.holders.gained(td, ref.mode);
        ref.heldSince = k.engine.now();
        if (k.trace != null) {
            k.trace.tokenAcquire(ref.heldSince, cpu, td.tid, ref.tok.name);
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

    // The SPI boundary: an implementation that throws, or grants a token beside another thread's hold, is ejected
    // for the fallback (if any) and the call retried; every answer goes to the decision log.

    /** One acquisition on {@code cpu} for {@code td}, whose token stack {@code ref} is on, within {@code budget}. */
    private boolean acquire(int cpu, Td td, TokRef ref, long budget) {
        long owner = td.tid;
        int tokrefs = td.toksStop;
        TokenLock used = ref.tok.lock;
        boolean ok;
        try {
            ok = used.acquire(cpu, owner, ref.mode, budget, tokrefs);
        } catch (RuntimeException e) {
            eject("acquire", ref.tok, e);
            used = ref.tok.lock;
            ok = used.acquire(cpu, owner, ref.mode, budget, tokrefs);
        }
        if (ok && used != ref.tok.lock) {
            // granted by a lock that was replaced while we waited in it (a queue lock may hand over before it sees
            // abandon()): that hold is void, the token's current lock is the one that counts
            return tryAcquire(cpu, td, ref);
        }
        return answered("acquire", cpu, td, ref, ok);
    }

    private boolean tryAcquire(int cpu, Td td, TokRef ref) {
        boolean ok;
        try {
            ok = ref.tok.lock.tryAcquire(cpu, td.tid, ref.mode);
        } catch (RuntimeException e) {
            eject("tryAcquire", ref.tok, e);
            ok = ref.tok.lock.tryAcquire(cpu, td.tid, ref.mode);
        }
        return answered("tryAcquire", cpu, td, ref, ok);
    }

    /**
     * Logs the implementation's answer and checks a grant against the core's books: a grant beside another
     * thread's hold breaks mutual exclusion, so the implementation is ejected (its lock, and the bad grant with it,
     * discarded) and the request is put to the fallback's lock.
     */
    private boolean answered(String op, int cpu, Td td, TokRef ref, boolean ok) {
        long now = k.engine.now();
        k.faultLog.decisions.record(now, ok ? DecisionLog.Op.TOKEN_GRANTED : DecisionLog.Op.TOKEN_REFUSED, cpu,
                ref.tok.name + (ref.mode == TokenMode.SHARED ? " (shared)" : ""), td.tid);
        if (!ok) {
            ref.refusedAt = now;
            return false;
        }
        if (!ref.tok.holders.conflicts(td, ref.tok, ref.mode)) {
            return true;
        }
        String reason = op + " granted " + ref.tok.name + " (" + ref.mode.name().toLowerCase(Locale.ROOT) + ") to td"
                + td.tid + " while it is held " + ref.tok.holders.describe() + ": mutual exclusion broken";
        if (!ejectFor(reason, null)) {
            throw new IllegalStateException("token implementation '" + name + "': " + reason
                    + "; no fallback installed");
        }
        return tryAcquire(cpu, td, ref);
    }

    private void release(int cpu, Td td, TokRef ref) {
        ref.held = false;
        long held = k.engine.now() - ref.heldSince;
        if (k.trace != null) {
            k.trace.tokenRelease(k.engine.now(), cpu, td.tid, ref.tok.name, held);
        }
        ref.tok.stats.recordHold(held);
        classOf(ref.tok).recordHold(held);
        ref.tok.holders.released(ref.mode, k.engine.now());
        k.faultLog.decisions.record(k.engine.now(), DecisionLog.Op.TOKEN_RELEASED, cpu, ref.tok.name, td.tid);
        try {
            ref.tok.lock.release(cpu, td.tid, ref.mode);
        } catch (RuntimeException e) {
            // the hold is already dropped in our books: the fallback's locks never see it
            eject("release", ref.tok, e);
        }
    }

    private void eject(String op, Token tok, RuntimeException e) {
        if (!ejectFor(op + "(" + tok.name + ") threw " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e)) {
            throw e;
        }
    }

    /** The watchdog found the implementation at fault: ejected, or, with no fallback, the run fails. */
    void ejectByWatchdog(String reason) {
        if (!ejectFor(reason, null)) {
            throw new IllegalStateException("token implementation '" + name + "': " + reason
                    + "; no fallback installed");
        }
    }

    /** Records the fault and installs the fallback's locks; false when there is no fallback. */
    private boolean ejectFor(String reason, RuntimeException cause) {
        if (fallback == null || fallback.name().equals(name)) {
            k.faultLog.record("sync", name, "", reason + "; no fallback installed", cause);
            return false;
        }
        k.faultLog.record("sync", name, fallback.name(), reason, cause);
        replace(fallback);
        return true;
    }

    // ---- what the watchdog and a fault's dump read ----------------------------------------------------------

    /**
     * A waiter the implementation keeps refusing a token that nobody has held (by the core's books) for longer
     * than {@code timeout}, described; {@code null} when there is none.
     */
    String ungrantable(long now, long timeout) {
        for (Td td : k.allThreads()) {
            for (int i = 0; i < td.toksStop; i++) {
                TokRef ref = td.toks[i];
                TokenHolders h = ref.tok.holders;
                if (!ref.held && ref.refusedAt >= 0 && h.free() && now - h.freeSince > timeout
                        && ref.refusedAt > h.freeSince + timeout / 2) {
                    return String.format(Locale.ROOT, "%s keeps refusing %s to %s although nobody has held it for "
                            + "%.1fms (timeout %.1fms)", name, ref.tok.name, td, (now - h.freeSince) / 1e6,
                            timeout / 1e6);
                }
            }
        }
        return null;
    }

    /** The tokens someone holds, and the threads refused one, one line each. */
    List<String> describeHeld(String indent) {
        List<String> out = new ArrayList<>();
        for (Token t : all) {
            if (!t.holders.free()) {
                out.add(indent + t.name + ": " + t.holders.describe());
            }
        }
        long now = k.engine.now();
        for (Td td : k.allThreads()) {
            for (int i = 0; i < td.toksStop; i++) {
                TokRef ref = td.toks[i];
                if (!ref.held && ref.refusedAt >= 0) {
                    out.add(String.format(Locale.ROOT, "%s%s waits for %s (%s), last refused %.3fms ago", indent, td,
                            ref.tok.name, ref.tok.holders.describe(), (now - ref.refusedAt) / 1e6));
                }
            }
        }
        return out;
    }
}
