package org.odonata.experiments;

import org.odonata.api.sched.UserScheduler;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.sched.lwkt.dfly.DflyScheduler;
import org.odonata.sched.lwkt.dfly.DflyTunables;

/** The dfly scheduler with tunables of a test's choosing, under a name of its own. */
final class DflyVariant {

    private DflyVariant() {
    }

    static UserSchedulerFactory factory(String name, String description, DflyTunables tunables) {
        return new UserSchedulerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public UserScheduler create() {
                return new DflyScheduler(tunables);
            }
        };
    }
}
