package org.odonata.pageout.classic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.ResidentPage;

/**
 * Clock (second chance): the pages form a ring in admission order with the hand at its head. The hand passes over a
 * page whose accessed bit is set, clearing it (the page goes behind the hand), and evicts the first page whose bit is
 * clear. A new page goes just behind the hand. Uses only the accessed bits, as hardware allows.
 */
final class ClockPolicy implements PageoutPolicy {

    /** The ring, read from the hand: the head is the page under the hand. */
    private final LinkedHashSet<ResidentPage> ring = new LinkedHashSet<>();
    private PageoutHost host;

    @Override
    public void init(PageoutHost h) {
        this.host = h;
    }

    @Override
    public void admit(ResidentPage page) {
        ring.add(page);
    }

    @Override
    public void remove(ResidentPage page) {
        ring.remove(page);
    }

    @Override
    public ResidentPage selectVictim() {
        // at most one full turn clears every bit; the second turn then finds a victim
        for (int steps = 2 * ring.size() + 1; steps > 0; steps--) {
            Iterator<ResidentPage> it = ring.iterator();
            if (!it.hasNext()) {
                return null;
            }
            ResidentPage p = it.next();
            it.remove();
            if (!host.testAndClearReferenced(p)) {
                return p;
            }
            ring.add(p);
        }
        throw new IllegalStateException("clock: no victim after two turns of the hand");
    }

    @Override
    public List<ResidentPage> export() {
        return new ArrayList<>(ring);
    }
}
