package org.odonata.hw.x86.link;

import org.odonata.api.engine.Engine;
import org.odonata.api.link.Link;
import org.odonata.api.link.LinkSpec;

/** Opens simulated links; the machine assembly calls {@link #open(LinkSpec, Engine)}. */
public final class Links {

    private Links() {
    }

    /** Opens one direction of a link whose both ends share {@code engine}. */
    public static Link open(LinkSpec spec, Engine engine) {
        return new SimulatedLink(spec, engine);
    }
}
