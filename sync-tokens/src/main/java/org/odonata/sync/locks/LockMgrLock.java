package org.odonata.sync.locks;

import org.odonata.api.engine.Engine;
import org.odonata.api.machine.Machine;
import org.odonata.api.memory.CacheLine;
import org.odonata.api.memory.Coherence;
import org.odonata.api.sync.LockMgr;
import org.odonata.api.sync.LockStats;
import org.odonata.api.sync.Sleeper;

/**
 * A DragonFly lockmgr lock ({@code sys/kern/kern_lock.c}) on one line holding {@code lk_count}. Guarantee: an
 * exclusive holder excludes everyone; shared holders coexist; exclusive priority — a pending exclusive request
 * (EXREQ) or upgrade (UPREQ) keeps new shared requests out; an upgrade is granted by the last other sharer to
 * leave, so it never loses the lock to another writer. Cost: uncontended, a load and a CAS to lock and one
 * atomic to release; a request that cannot proceed sets its request bit and sleeps through the kernel's
 * {@link Sleeper} on this lock, and every release that may let someone in wakes the sleepers, who retry.
 * <p>
 * Simplifications: exclusive holds may recurse (as with {@code LK_CANRECURSE}); an exclusive owner asking for
 * shared gets its exclusive count bumped; a second upgrade while one is pending is turned into a release and an
 * exclusive request (DragonFly's {@code LK_UPGRADE}, not {@code LK_EXCLUPGRADE}); NOWAIT, SLEEPFAIL, CANCEL and
 * timeouts are not modelled.
 */
final class LockMgrLock implements LockMgr {

    static final long EXCL_MASK = 0x03FF_FFFFL;
    static final long UPREQ = 0x1000_0000L;
    static final long SHARED = 0x2000_0000L;
    static final long EXREQ = 0x4000_0000L;
    static final long SHARED_ONE = 1L << 32;

    private final String name;
    private final Engine engine;
    private final Coherence memory;
    private final CacheLine count;
    private final Sleeper sleeper;
    private final LockCounters counters;

    /** {@code lk_lockholder}: beside lk_count on its line, so its accesses are not priced separately. */
    private long holder;
    private boolean held;
    private long exclusiveSince;
    /** The sharer waiting for its upgrade; the last other sharer to leave makes it the holder. */
    private long upgrader;
    private int sharers;
    private long sharedSince;

    LockMgrLock(Machine machine, String name, Sleeper sleeper) {
        this.name = name;
        this.engine = machine.engine();
        this.memory = machine.coherence();
        this.count = memory.allocate("lockmgr:" + name, 0, 0);
        this.sleeper = sleeper;
        this.counters = new LockCounters(name);
    }

    @Override
    public void lockExclusive(int cpu, long owner) {
        long start = engine.now();
        boolean waited = false;
        long v = memory.load(cpu, count);
        while (true) {
            if (heldBy(owner)) {
                memory.fetchAdd(cpu, count, 1);
                break;
            }
            if ((v & (EXCL_MASK | UPREQ)) == 0 && shares(v) == 0) {
                if (memory.compareAndSet(cpu, count, v, (v & ~(EXREQ | SHARED)) | 1)) {
                    becomeHolder(owner);
                    break;
                }
            } else if (setBit(cpu, v, EXREQ)) {
                waited = true;
                sleeper.tsleep(this, "lockx");
            }
            v = memory.load(cpu, count);
        }
        acquired(start, waited);
    }

    @Override
    public void lockShared(int cpu, long owner) {
        long start = engine.now();
        boolean waited = false;
        long v = memory.load(cpu, count);
        while (true) {
            if (heldBy(owner)) {
                memory.fetchAdd(cpu, count, 1);
                break;
            }
            if ((v & (EXCL_MASK | EXREQ | UPREQ)) == 0) {
                if (memory.compareAndSet(cpu, count, v, v + SHARED_ONE | SHARED)) {
                    enterShared();
                    break;
                }
                v = memory.load(cpu, count);
                continue;
            }
            waited = true;
            sleeper.tsleep(this, "locks");
            v = memory.load(cpu, count);
        }
        acquired(start, waited);
    }

    @Override
    public void upgrade(int cpu, long owner) {
        long start = engine.now();
        long v = memory.load(cpu, count);
        while (true) {
            if ((v & UPREQ) != 0) {
                release(cpu, owner);
                lockExclusive(cpu, owner);
                return;
            }
            if (shares(v) == 1) {
                if (memory.compareAndSet(cpu, count, v, (v - SHARED_ONE) & ~SHARED | 1)) {
                    leaveShared();
                    becomeHolder(owner);
                    counters.acquired();
                    return;
                }
            } else if (memory.compareAndSet(cpu, count, v, v - SHARED_ONE | UPREQ)) {
                leaveShared();
                upgrader = owner;
                break;
            }
            v = memory.load(cpu, count);
        }
        while (!heldBy(owner)) {
            sleeper.tsleep(this, "lockup");
        }
        acquired(start, true);
    }

    @Override
    public void downgrade(int cpu, long owner) {
        long v = memory.load(cpu, count);
        if (!heldBy(owner) || (v & EXCL_MASK) != 1) {
            throw new IllegalStateException(name + ": owner " + owner + " downgrades without holding it exclusively "
                    + "once");
        }
        while (!memory.compareAndSet(cpu, count, v, v - 1 + SHARED_ONE | SHARED)) {
            v = memory.load(cpu, count);
        }
        counters.held(engine.now() - exclusiveSince);
        held = false;
        enterShared();
        sleeper.wakeup(this);
    }

    @Override
    public void release(int cpu, long owner) {
        if (heldBy(owner)) {
            long old = memory.fetchAdd(cpu, count, -1);
            if ((old & EXCL_MASK) == 1) {
                counters.held(engine.now() - exclusiveSince);
                held = false;
                // Shared requests sleep without a request bit, so the last exclusive release always wakes.
                sleeper.wakeup(this);
            }
            return;
        }
        long v = memory.load(cpu, count);
        if (shares(v) == 0) {
            throw new IllegalStateException(name + ": owner " + owner + " releases a hold nobody has");
        }
        while (true) {
            boolean last = shares(v) == 1;
            long update = v - SHARED_ONE;
            if (last && (v & UPREQ) != 0) {
                // The last other sharer grants the pending upgrade.
                update = update & ~(UPREQ | SHARED) | 1;
            } else if (last) {
                update &= ~SHARED;
            }
            if (memory.compareAndSet(cpu, count, v, update)) {
                leaveShared();
                if (last && (v & UPREQ) != 0) {
                    becomeHolder(upgrader);
                }
                if (last && (v & (UPREQ | EXREQ)) != 0) {
                    sleeper.wakeup(this);
                }
                return;
            }
            v = memory.load(cpu, count);
        }
    }

    @Override
    public LockStats stats() {
        return counters.snapshot();
    }

    /** Sets {@code bit} unless it is set; returns false if the word changed first, so the caller looks again. */
    private boolean setBit(int cpu, long v, long bit) {
        return (v & bit) != 0 || memory.compareAndSet(cpu, count, v, v | bit);
    }

    private boolean heldBy(long owner) {
        return held && holder == owner;
    }

    private void becomeHolder(long owner) {
        holder = owner;
        held = true;
        exclusiveSince = engine.now();
    }

    private void enterShared() {
        if (sharers++ == 0) {
            sharedSince = engine.now();
        }
    }

    private void leaveShared() {
        if (--sharers == 0) {
            counters.held(engine.now() - sharedSince);
        }
    }

    private void acquired(long start, boolean waited) {
        counters.acquired();
        if (waited) {
            counters.contended(engine.now() - start, 0);
        }
    }

    private static long shares(long v) {
        return v >>> 32;
    }
}
