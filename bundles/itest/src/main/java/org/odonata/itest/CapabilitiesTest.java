package org.odonata.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.odonata.api.capability.ProvidesPageout;
import org.odonata.api.capability.ProvidesScheduler;
import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.odonata.api.sched.UserSchedulerFactory;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;

/** What the bundles' manifests promise a resolver, checked against what they register. */
class CapabilitiesTest {

    @Test
    void everySchedulerIsAdvertisedAsANamedCapability() throws Exception {
        List<String> registered = Framework.context().getServiceReferences(UserSchedulerFactory.class, null).stream()
                .map(r -> Framework.context().getService(r).name()).sorted().toList();
        assertEquals(registered, advertised(ProvidesScheduler.NAMESPACE),
                "each scheduler's bundle must say Provide-Capability: odonata.scheduler;odonata.scheduler=NAME");
    }

    @Test
    void everyTokenImplementationIsAdvertisedAsANamedCapability() throws Exception {
        List<String> registered = Framework.context().getServiceReferences(TokenAlgorithmFactory.class, null).stream()
                .map(r -> Framework.context().getService(r).name()).sorted().toList();
        assertEquals(registered, advertised(ProvidesTokens.NAMESPACE),
                "each token bundle must say Provide-Capability: odonata.tokens;odonata.tokens=NAME");
    }

    @Test
    void everyPageoutPolicyIsAdvertisedAsANamedCapability() throws Exception {
        List<String> registered = Framework.context().getServiceReferences(PageoutPolicyFactory.class, null).stream()
                .map(r -> Framework.context().getService(r).name()).sorted().toList();
        assertEquals(registered, advertised(ProvidesPageout.NAMESPACE),
                "each pageout bundle must say Provide-Capability: odonata.pageout;odonata.pageout=NAME");
    }

    @Test
    void theShellRegistersNoFrameworkListener() {
        Bundle shell = Arrays.stream(Framework.context().getBundles())
                .filter(b -> "org.odonata.shell".equals(b.getSymbolicName())).findFirst().orElseThrow();
        List<String> listeners = Arrays.stream(Objects.requireNonNullElse(shell.getRegisteredServices(),
                new ServiceReference<?>[0]))
                .filter(r -> Arrays.asList((String[]) r.getProperty("objectClass"))
                        .contains(FrameworkListener.class.getName()))
                .map(Object::toString).toList();
        assertEquals(List.of(), listeners, "the batch runner is a component, not a service");
    }

    private static List<String> advertised(String namespace) {
        TreeSet<String> names = new TreeSet<>();
        for (Bundle b : Framework.context().getBundles()) {
            b.adapt(BundleRevision.class).getDeclaredCapabilities(namespace)
                    .forEach(c -> names.add((String) c.getAttributes().get(namespace)));
        }
        return List.copyOf(names);
    }
}
