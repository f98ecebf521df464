package org.odonata.vfs.host;

import java.util.LinkedHashMap;
import java.util.Map;

/** The VFS's counters since boot; a machine runs on one host thread, so plain fields suffice. */
public final class Counters {

    public long lookups;
    public long ncpHits;
    public long ncpMisses;
    public long ncpNegativeHits;
    public long ncpNegativesTrimmed;
    public long resolves;
    /** Leaf namecache locks nlookup took shared ({@code NLC_SHAREDLOCK}) and exclusive. */
    public long ncpLeafShared;
    public long ncpLeafExclusive;
    public long symlinksFollowed;
    public long vnodesAllocated;
    public long vnodesReclaimed;
    public long inactivations;
    public long filesOpened;
    public long bytesRead;
    public long bytesWritten;

    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("lookups", lookups);
        m.put("ncp_hits", ncpHits);
        m.put("ncp_misses", ncpMisses);
        m.put("ncp_negative_hits", ncpNegativeHits);
        m.put("ncp_negatives_trimmed", ncpNegativesTrimmed);
        m.put("resolves", resolves);
        m.put("ncp_leaf_locks_shared", ncpLeafShared);
        m.put("ncp_leaf_locks_exclusive", ncpLeafExclusive);
        m.put("symlinks_followed", symlinksFollowed);
        m.put("vnodes_allocated", vnodesAllocated);
        m.put("vnodes_reclaimed", vnodesReclaimed);
        m.put("inactivations", inactivations);
        m.put("files_opened", filesOpened);
        m.put("bytes_read", bytesRead);
        m.put("bytes_written", bytesWritten);
        return m;
    }
}
