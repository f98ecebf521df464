package @PACKAGE@;

import org.odonata.api.capability.ProvidesTokens;
import org.odonata.api.sync.TokenAlgorithm;
import org.odonata.api.sync.TokenAlgorithmFactory;
import org.odonata.api.sync.kit.PerTokenAlgorithm;
import org.osgi.service.component.annotations.Component;

/**
 * Registers {@code @NAME@} as a service, so {@code sync:use @NAME@} and specs find it; every machine gets its own
 * algorithm, which makes one {@link @Name@Lock} per token, backing off with the machine's seeded stream.
 * {@code @ProvidesTokens} puts {@code odonata.tokens=@NAME@} in the manifest, so a resolver
 * ({@code repo:install odonata.tokens=@NAME@}) finds the bundle by that name.
 */
@ProvidesTokens(@Name@Factory.NAME)
@Component(service = TokenAlgorithmFactory.class, property = "name=" + @Name@Factory.NAME)
public final class @Name@Factory implements TokenAlgorithmFactory {

    static final String NAME = "@NAME@";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "@NAME@: test-and-test-and-set with randomised exponential backoff (from ./odonata new)";
    }

    @Override
    public TokenAlgorithm create() {
        return new PerTokenAlgorithm(NAME, (token, host) -> new @Name@Lock(token, host.machine(), host.random()));
    }
}
