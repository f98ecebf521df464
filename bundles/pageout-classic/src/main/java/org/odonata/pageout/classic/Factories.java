package org.odonata.pageout.classic;

import org.odonata.api.capability.ProvidesPageout;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.osgi.service.component.annotations.Component;

/** The four policies' factories, each a DS component registered with its {@code name}. */
public final class Factories {

    private Factories() {
    }

    @ProvidesPageout("fifo")
    @Component(service = PageoutPolicyFactory.class, property = "name=fifo")
    public static final class Fifo implements PageoutPolicyFactory {
        @Override
        public String name() {
            return "fifo";
        }

        @Override
        public String description() {
            return "first in, first out: the page resident longest goes, references or not";
        }

        @Override
        public PageoutPolicy create() {
            return new FifoPolicy();
        }
    }

    @ProvidesPageout("clock")
    @Component(service = PageoutPolicyFactory.class, property = "name=clock")
    public static final class Clock implements PageoutPolicyFactory {
        @Override
        public String name() {
            return "clock";
        }

        @Override
        public String description() {
            return "clock (second chance): the hand skips and clears pages whose accessed bit is set";
        }

        @Override
        public PageoutPolicy create() {
            return new ClockPolicy();
        }
    }

    @ProvidesPageout("lru")
    @Component(service = PageoutPolicyFactory.class, property = "name=lru")
    public static final class Lru implements PageoutPolicyFactory {
        @Override
        public String name() {
            return "lru";
        }

        @Override
        public String description() {
            return "exact LRU from every reference the model sees (an oracle no hardware gives)";
        }

        @Override
        public PageoutPolicy create() {
            return new LruPolicy();
        }
    }

    @ProvidesPageout("opt")
    @Component(service = PageoutPolicyFactory.class, property = "name=opt")
    public static final class Opt implements PageoutPolicyFactory {
        @Override
        public String name() {
            return "opt";
        }

        @Override
        public String description() {
            return "Belady's optimal: evicts the page used furthest in the future (trace replays only)";
        }

        @Override
        public boolean needsFuture() {
            return true;
        }

        @Override
        public PageoutPolicy create() {
            return new OptPolicy();
        }
    }
}
