package org.odonata.vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.pageout.ResidentPage;

/** Exact LRU over an access-ordered map, for the VM's own tests (the real policies live in their bundles). */
public final class TestLru implements PageoutPolicy {

    private final LinkedHashMap<ResidentPage, Boolean> order = new LinkedHashMap<>(16, 0.75f, true);

    public static PageoutPolicyFactory factory() {
        return new PageoutPolicyFactory() {
            @Override
            public String name() {
                return "testlru";
            }

            @Override
            public String description() {
                return "exact LRU (test)";
            }

            @Override
            public PageoutPolicy create() {
                return new TestLru();
            }
        };
    }

    @Override
    public void init(PageoutHost host) {
    }

    @Override
    public void admit(ResidentPage page) {
        order.put(page, Boolean.TRUE);
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
        if (order.isEmpty()) {
            return null;
        }
        ResidentPage p = order.keySet().iterator().next();
        order.remove(p);
        return p;
    }

    @Override
    public List<ResidentPage> export() {
        return new ArrayList<>(order.keySet());
    }
}
