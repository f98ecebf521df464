package org.odonata.pageout.dfly;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.ResidentPage;

/**
 * DragonFly's pageout policy ({@code vm_pageout.c}, {@code vm_page.c}). A page faulted in is activated
 * ({@code vm_page_activate}) with {@code act_count} {@value #ACT_INIT}. Victims come from the head of the inactive
 * queue ({@code vm_pageout_scan_inactive}): a page referenced since it was last looked at (its accessed bits,
 * {@code pmap_ts_referenced}) is reactivated with {@code act_count += ACT_ADVANCE + 1}; a dirty page is cycled
 * through the queue once more before it is laundered ({@code PG_WINATCFLS}); otherwise it is the victim. When the
 * inactive queue is below its target (a quarter of the pool, {@code v_inactive_target}) the active queue is scanned
 * first ({@code vm_pageout_scan_active}): a referenced page gains {@code ACT_ADVANCE + 1} (at most
 * {@value #ACT_MAX}) and goes to the tail, an unreferenced one loses {@value #ACT_DECLINE} and is deactivated at 0.
 * It never looks at individual references ({@link #referenced} is the default no-op): only at accessed bits.
 * <p>
 * Simplifications: one queue pair, not 1024 coloured ones scanned by rotation; no {@code PG_REFERENCED} flag from
 * the buffer cache; no periodic {@code vm_pageout_page_stats} scan while there is no shortage; the
 * {@code pass}-dependent deactivation threshold is that of the first pass ({@code act_count < 1}).
 */
final class DflyPolicy implements PageoutPolicy {

    static final int ACT_DECLINE = 1;
    static final int ACT_ADVANCE = 3;
    static final int ACT_INIT = 5;
    static final int ACT_MAX = 64;

    /** What dfly keeps per page. */
    static final class State {
        int actCount = ACT_INIT;
        boolean active = true;
        /** {@code PG_WINATCFLS}: a dirty page already cycled once through the inactive queue. */
        boolean winatcfls;
    }

    private final LinkedHashSet<ResidentPage> activeq = new LinkedHashSet<>();
    private final LinkedHashSet<ResidentPage> inactiveq = new LinkedHashSet<>();
    private PageoutHost host;

    @Override
    public void init(PageoutHost h) {
        this.host = h;
    }

    @Override
    public void admit(ResidentPage page) {
        page.setPolicyData(new State());
        activeq.add(page);
    }

    @Override
    public void remove(ResidentPage page) {
        if (state(page).active) {
            activeq.remove(page);
        } else {
            inactiveq.remove(page);
        }
    }

    @Override
    public ResidentPage selectVictim() {
        // bounded: each page can be reactivated, deactivated and cycled dirty at most a few times per victim
        long budget = 4 * (activeq.size() + inactiveq.size()) + 4;
        while (budget-- > 0) {
            if (inactiveq.size() < host.capacity() / 4 || inactiveq.isEmpty()) {
                scanActive(Math.max(1, host.capacity() / 4 - inactiveq.size()));
            }
            ResidentPage m = first(inactiveq);
            if (m == null) {
                continue;
            }
            State s = state(m);
            inactiveq.remove(m);
            if (host.testAndClearReferenced(m)) {
                s.active = true;
                s.actCount = Math.min(ACT_MAX, s.actCount + 1 + ACT_ADVANCE);
                activeq.add(m);
            } else if (m.dirty() && !s.winatcfls) {
                s.winatcfls = true;
                inactiveq.add(m);
            } else {
                return m;
            }
        }
        // every page keeps being referenced: take the oldest anyway
        ResidentPage m = first(inactiveq);
        if (m == null) {
            m = first(activeq);
        }
        if (m != null) {
            remove(m);
        }
        return m;
    }

    /** {@code vm_pageout_scan_active}: ages the active queue until {@code shortage} pages are deactivated. */
    private void scanActive(long shortage) {
        int maxscan = activeq.size();
        while (maxscan-- > 0 && shortage > 0) {
            ResidentPage m = first(activeq);
            State s = state(m);
            activeq.remove(m);
            if (host.testAndClearReferenced(m)) {
                s.actCount = Math.min(ACT_MAX, s.actCount + ACT_ADVANCE + 1);
                activeq.add(m);
                continue;
            }
            s.actCount -= Math.min(s.actCount, ACT_DECLINE);
            if (s.actCount < 1) {
                s.active = false;
                s.winatcfls = false;
                inactiveq.add(m);
                shortage--;
            } else {
                activeq.add(m);
            }
        }
    }

    @Override
    public List<ResidentPage> export() {
        List<ResidentPage> all = new ArrayList<>(inactiveq);
        all.addAll(activeq);
        return all;
    }

    private static ResidentPage first(LinkedHashSet<ResidentPage> q) {
        Iterator<ResidentPage> it = q.iterator();
        return it.hasNext() ? it.next() : null;
    }

    private static State state(ResidentPage p) {
        return (State) p.policyData();
    }
}
