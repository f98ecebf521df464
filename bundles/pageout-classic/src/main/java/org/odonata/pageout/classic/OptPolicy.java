package org.odonata.pageout.classic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.ResidentPage;

/**
 * Belady's optimal replacement (MIN): the victim is the resident page whose next reference is furthest in the
 * future (never, first). Every reference re-reads the page's next use from the replay's declared future and
 * re-sorts it in a binary max-heap: O(log n) per reference. Pages never used again tie; the heap breaks ties by
 * position, so a run is deterministic, and the fault count does not depend on the tie-break.
 */
final class OptPolicy implements PageoutPolicy {

    /** A page's place in the heap and the key it is sorted by. */
    private static final class Slot {
        long nextUse;
        int index;
    }

    private ResidentPage[] heap = new ResidentPage[64];
    private int size;
    private PageoutHost host;

    @Override
    public void init(PageoutHost h) {
        if (!h.knowsFuture()) {
            throw new IllegalStateException("opt needs the future of the references: only trace replays declare it");
        }
        this.host = h;
    }

    @Override
    public void admit(ResidentPage page) {
        Slot s = new Slot();
        s.nextUse = host.nextUse(page);
        page.setPolicyData(s);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        s.index = size;
        heap[size++] = page;
        up(s.index);
    }

    @Override
    public void referenced(ResidentPage page) {
        Slot s = slot(page);
        long old = s.nextUse;
        s.nextUse = host.nextUse(page);
        if (s.nextUse > old) {
            up(s.index);
        } else {
            down(s.index);
        }
    }

    @Override
    public void remove(ResidentPage page) {
        removeAt(slot(page).index);
    }

    @Override
    public ResidentPage selectVictim() {
        if (size == 0) {
            return null;
        }
        ResidentPage p = heap[0];
        removeAt(0);
        return p;
    }

    @Override
    public List<ResidentPage> export() {
        List<ResidentPage> all = new ArrayList<>(Arrays.asList(heap).subList(0, size));
        all.sort(Comparator.comparingLong((ResidentPage p) -> slot(p).nextUse).reversed());
        return all;
    }

    private void removeAt(int i) {
        ResidentPage last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            slot(last).index = i;
            up(i);
            down(slot(last).index);
        }
    }

    private void up(int i) {
        ResidentPage p = heap[i];
        long key = slot(p).nextUse;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (slot(heap[parent]).nextUse >= key) {
                break;
            }
            heap[i] = heap[parent];
            slot(heap[i]).index = i;
            i = parent;
        }
        heap[i] = p;
        slot(p).index = i;
    }

    private void down(int i) {
        ResidentPage p = heap[i];
        long key = slot(p).nextUse;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && slot(heap[child + 1]).nextUse > slot(heap[child]).nextUse) {
                child++;
            }
            if (slot(heap[child]).nextUse <= key) {
                break;
            }
            heap[i] = heap[child];
            slot(heap[i]).index = i;
            i = child;
        }
        heap[i] = p;
        slot(p).index = i;
    }

    private static Slot slot(ResidentPage p) {
        return (Slot) p.policyData();
    }
}
