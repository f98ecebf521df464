package @PACKAGE@;

import org.odonata.api.capability.ProvidesPageout;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.PageoutPolicyFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Registers {@code @NAME@} as a service, so {@code vm:policy use @NAME@} and specs find it; every pool of resident
 * pages gets its own {@link @Name@Policy}. {@code @ProvidesPageout} puts {@code odonata.pageout=@NAME@} in the
 * manifest, so a resolver ({@code repo:install odonata.pageout=@NAME@}) finds the bundle by that name.
 */
@ProvidesPageout(@Name@Factory.NAME)
@Component(service = PageoutPolicyFactory.class, property = "name=" + @Name@Factory.NAME)
public final class @Name@Factory implements PageoutPolicyFactory {

    static final String NAME = "@NAME@";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "@NAME@: second-chance FIFO over the accessed bits (from ./odonata new)";
    }

    @Override
    public PageoutPolicy create() {
        return new @Name@Policy();
    }
}
