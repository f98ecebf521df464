package org.odonata.tck.pageout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.ResidentPage;

/**
 * One pool of resident pages driven by a seeded reference string, playing the VM's part for a pageout policy and
 * checking it after every call: a reference to a resident page sets its accessed bit and is reported; a reference
 * to another page faults it in, asking the policy for a victim when the pool is full; now and then a page leaves
 * for the VM's own reasons (unmapped), or a victim cannot be evicted (busy) and is admitted again. The victim must
 * be resident and each resident page known to the policy exactly once.
 */
final class Pool implements PageoutHost {

    /** A resident page: its frame, dirty bit and accessed bit, and the policy's data. */
    static final class Page implements ResidentPage {
        private final long frame;
        private Object data;
        boolean accessed;
        boolean dirty;

        Page(long frame) {
            this.frame = frame;
        }

        @Override
        public long frame() {
            return frame;
        }

        @Override
        public boolean dirty() {
            return dirty;
        }

        @Override
        public Object policyData() {
            return data;
        }

        @Override
        public void setPolicyData(Object d) {
            data = d;
        }

        @Override
        public String toString() {
            return "page " + frame;
        }
    }

    private final int capacity;
    private final long[] references;
    private final boolean knowsFuture;
    private final SplittableRandom random;
    private final Map<Long, Page> resident = new LinkedHashMap<>();
    private final Map<Long, List<Integer>> uses = new HashMap<>();
    private PageoutPolicy policy;
    private int position;
    long faults;
    /** Every victim chosen, folded: two runs with the same seed must match. */
    long decisions = 17;

    /**
     * @param references the frames referenced, in order (a seeded reference string)
     * @param knowsFuture whether the policy may ask {@link #nextUse}
     */
    Pool(PageoutPolicy policy, int capacity, long[] references, boolean knowsFuture, long seed) {
        this.capacity = capacity;
        this.references = references;
        this.knowsFuture = knowsFuture;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < references.length; i++) {
            uses.computeIfAbsent(references[i], f -> new ArrayList<>()).add(i);
        }
        this.policy = policy;
        policy.init(this);
    }

    /** A reference string over {@code pages} frames: a hot set of a quarter of them most of the time, scans now and then. */
    static long[] referenceString(int length, int pages, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] refs = new long[length];
        int scan = 0;
        for (int i = 0; i < length; i++) {
            refs[i] = r.nextInt(10) < 7 ? r.nextInt(Math.max(1, pages / 4)) : r.nextInt(10) < 5 ? scan++ % pages
                    : r.nextInt(pages);
        }
        return refs;
    }

    /** Replays {@code steps} references from where the last call stopped, checking the policy after each. */
    void replay(int steps) {
        for (int s = 0; s < steps && position < references.length; s++, position++) {
            long frame = references[position];
            Page p = resident.get(frame);
            if (p != null) {
                p.accessed = true;
                p.dirty |= random.nextInt(4) == 0;
                policy.referenced(p);
            } else {
                fault(frame);
            }
            if (random.nextInt(50) == 0 && !resident.isEmpty()) {
                Page gone = resident.values().stream().skip(random.nextInt(resident.size())).findFirst().orElseThrow();
                resident.remove(gone.frame());
                policy.remove(gone);
            }
        }
    }

    private void fault(long frame) {
        faults++;
        while (resident.size() >= capacity) {
            ResidentPage victim = policy.selectVictim();
            if (victim == null) {
                throw new AssertionError("selectVictim returned null with " + resident.size() + " pages resident");
            }
            Page v = resident.get(victim.frame());
            if (v != victim) {
                throw new AssertionError("selectVictim returned " + victim + ", which is not resident (evicted, "
                        + "removed, or never admitted)");
            }
            decisions = decisions * 31 + victim.frame();
            if (random.nextInt(20) == 0) {
                // busy: the VM cannot evict it now and admits it again
                policy.admit(v);
                continue;
            }
            resident.remove(v.frame());
        }
        Page p = new Page(frame);
        p.accessed = true;
        resident.put(frame, p);
        policy.admit(p);
    }

    /** Every page must come back from {@code selectVictim} exactly once, then {@code null}. */
    void drain() {
        int left = resident.size();
        for (int i = 0; i < left; i++) {
            ResidentPage victim = policy.selectVictim();
            if (victim == null || resident.remove(victim.frame()) != victim) {
                throw new AssertionError("draining the pool: selectVictim returned " + victim + " with " + (left - i)
                        + " pages resident (lost, or returned twice)");
            }
        }
        if (policy.selectVictim() != null) {
            throw new AssertionError("selectVictim returned a page from an empty pool");
        }
    }

    /** A live swap: the policy exports, {@code next} imports; the export must be exactly the resident pages. */
    void swap(PageoutPolicy next) {
        List<ResidentPage> pages = policy.export();
        if (pages.size() != resident.size() || !resident.values().containsAll(pages)
                || pages.stream().distinct().count() != pages.size()) {
            throw new AssertionError("export handed over " + pages.size() + " pages, " + resident.size()
                    + " resident (lost, duplicated or foreign)");
        }
        policy = next;
        next.init(this);
        next.importPages(List.copyOf(pages));
    }

    int size() {
        return resident.size();
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long resident() {
        return resident.size();
    }

    @Override
    public boolean testAndClearReferenced(ResidentPage page) {
        Page p = resident.get(page.frame());
        if (p != page) {
            throw new AssertionError("testAndClearReferenced(" + page + "): not resident");
        }
        boolean was = p.accessed;
        p.accessed = false;
        return was;
    }

    @Override
    public boolean knowsFuture() {
        return knowsFuture;
    }

    @Override
    public long nextUse(ResidentPage page) {
        if (!knowsFuture) {
            throw new IllegalStateException("nextUse: this pool's future is unknown (the factory does not say "
                    + "needsFuture)");
        }
        for (int i : uses.getOrDefault(page.frame(), List.of())) {
            if (i > position) {
                return i;
            }
        }
        return Long.MAX_VALUE;
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public long now() {
        return position;
    }
}
