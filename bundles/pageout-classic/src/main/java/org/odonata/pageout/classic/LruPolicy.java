package org.odonata.pageout.classic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.ResidentPage;

/**
 * Exact LRU: every reference the VM sees moves the page to the most-recently-used end of an access-ordered map;
 * the victim is at the other end. O(1) per reference. No hardware gives this (it would need a timestamp per
 * access): it is the oracle the fault counts of trace replays are checked against (Mattson's stack algorithm).
 */
final class LruPolicy implements PageoutPolicy {

    private final LinkedHashMap<ResidentPage, ResidentPage> order = new LinkedHashMap<>(256, 0.75f, true);

    @Override
    public void init(PageoutHost host) {
    }

    @Override
    public void admit(ResidentPage page) {
        order.put(page, page);
    }

    @Override
    public void referenced(ResidentPage page) {
        order.get(page);
    }

    @Override
    public void remove(ResidentPage page) {
        order.remove(page);
    }

    @Override
    public ResidentPage selectVictim() {
        Iterator<ResidentPage> it = order.keySet().iterator();
        if (!it.hasNext()) {
            return null;
        }
        ResidentPage p = it.next();
        it.remove();
        return p;
    }

    @Override
    public List<ResidentPage> export() {
        return new ArrayList<>(order.keySet());
    }
}
