package @PACKAGE@;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import org.odonata.api.pageout.PageoutHost;
import org.odonata.api.pageout.PageoutPolicy;
import org.odonata.api.pageout.ResidentPage;

/**
 * {@code @NAME@}: second-chance FIFO. Pages queue in the order they became resident; the victim is the oldest page
 * not referenced since it was last looked at (its accessed bits, read and cleared through the host, as
 * {@code pmap_ts_referenced} does); a referenced page goes to the tail instead. After one full round every page has
 * had its chance, and the oldest goes. Change {@link #selectVictim} to make it yours.
 */
final class @Name@Policy implements PageoutPolicy {

    /** Resident order, oldest first. */
    private final LinkedHashSet<ResidentPage> queue = new LinkedHashSet<>();
    private PageoutHost host;

    @Override
    public void init(PageoutHost host) {
        this.host = host;
    }

    @Override
    public void admit(ResidentPage page) {
        queue.add(page);
    }

    @Override
    public void remove(ResidentPage page) {
        queue.remove(page);
    }

    @Override
    public ResidentPage selectVictim() {
        for (int looked = queue.size(); looked > 0; looked--) {
            ResidentPage oldest = take();
            if (!host.testAndClearReferenced(oldest)) {
                return oldest;
            }
            queue.add(oldest);
        }
        return queue.isEmpty() ? null : take();
    }

    /** Every page, the next victim (the oldest) first: a live swap hands them to the next policy. */
    @Override
    public List<ResidentPage> export() {
        return new ArrayList<>(queue);
    }

    private ResidentPage take() {
        Iterator<ResidentPage> it = queue.iterator();
        ResidentPage p = it.next();
        it.remove();
        return p;
    }
}
