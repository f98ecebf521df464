package org.odonata.pageout.classic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.ResidentPage;

/** First in, first out: the page admitted longest ago is the victim. O(1) per call. */
final class FifoPolicy implements PageoutPolicy {

    private final LinkedHashSet<ResidentPage> queue = new LinkedHashSet<>();

    @Override
    public void init(PageoutHost host) {
    }

    @Override
    public void admit(ResidentPage page) {
        queue.add(page);
    }

    @Override
    public void remove(ResidentPage page) {
        queue.remove(page);
    }

    @Override
    public ResidentPage selectVictim() {
        Iterator<ResidentPage> it = queue.iterator();
        if (!it.hasNext()) {
            return null;
        }
        ResidentPage p = it.next();
        it.remove();
        return p;
    }

    @Override
    public List<ResidentPage> export() {
        return new ArrayList<>(queue);
    }
}
