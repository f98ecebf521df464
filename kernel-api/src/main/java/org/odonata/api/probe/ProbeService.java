package org.odonata.api.probe;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Dynamic probes for experiments: registered by the probe bundle. */
@ProviderType
public interface ProbeService {

    /**
     * Weaves the probes into every loaded method their targets name, for the trials of one run.
     *
     * @throws IllegalArgumentException one line naming the request that is wrong (a target that matches nothing, a
     *                                  malformed filter, a method the bundle verifier marks unsafe); nothing is
     *                                  woven then
     */
    ProbeSession attach(List<ProbeRequest> requests);
}
