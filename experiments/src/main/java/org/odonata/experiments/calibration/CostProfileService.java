package org.odonata.experiments.calibration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.odonata.api.cost.CostModel;
import org.odonata.api.cost.CostProfiles;
import org.odonata.experiments.spec.SpecError;
import org.osgi.service.component.annotations.Component;

/** {@link CostProfile}'s reader as a service, so the shell's {@code kern:boot --costs} loads profiles as specs do. */
@Component(service = CostProfiles.class)
public final class CostProfileService implements CostProfiles {

    @Override
    public CostModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(CostProfile.noSuchFile(file));
        }
        List<SpecError> errors = new ArrayList<>();
        return CostProfile.read(file, errors).map(CostProfile::costModel).orElseThrow(() ->
                new IllegalArgumentException(errors.stream().map(SpecError::toString)
                        .collect(Collectors.joining("\n"))));
    }
}
