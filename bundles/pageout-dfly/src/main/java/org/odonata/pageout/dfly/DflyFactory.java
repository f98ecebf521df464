package org.odonata.pageout.dfly;

import org.odonata.api.capability.ProvidesPageout;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.osgi.service.component.annotations.Component;

/** Registers {@code dfly}, DragonFly's active/inactive policy: the reference the VM falls back to. */
@ProvidesPageout(DflyFactory.NAME)
@Component(service = PageoutPolicyFactory.class, property = "name=" + DflyFactory.NAME)
public final class DflyFactory implements PageoutPolicyFactory {

    public static final String NAME = "dfly";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DragonFly: active/inactive queues, act_count aging by accessed bits, dirty pages cycled twice";
    }

    @Override
    public PageoutPolicy create() {
        return new DflyPolicy();
    }
}
