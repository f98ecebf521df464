package org.odonata.vfs.namecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.odonata.api.bio.BlockIo;
import org.odonata.api.fs.FileSystem;
import org.odonata.api.fs.FileSystemType;
import org.odonata.api.fs.FsCapacity;
import org.odonata.api.fs.FsNode;
import org.odonata.api.fs.MountRequest;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.fs.VattrChange;
import org.odonata.api.kthread.KernelThreads;
import org.odonata.api.machine.Machine;
import org.odonata.api.sync.Sleeper;
import org.odonata.api.sync.SyncHost;
import org.odonata.api.vfs.VfsHost;
import org.odonata.vfs.host.Counters;
import org.odonata.vfs.host.Host;
import org.odonata.vfs.mount.Mount;
import org.odonata.vfs.vnode.VState;
import org.odonata.vfs.vnode.Vnode;
import org.odonata.vfs.vnode.VnodeTable;

/**
 * The namecache's own rules ({@code vfs_cache.c}), exercised on the host thread where locks and charges are no-ops:
 * lookups find the same entry, negatives are trimmed past 1/16 of the entries, a rename moves an entry with its
 * subtree, destroying a directory's entry destroys everything below and lets go of the vnodes.
 */
class NameCacheTest {

    private record Node(long ino, VType type) implements FsNode {
        @Override
        public Vattr getattr() {
            return new Vattr(type, 0755, 1, 0, 0, 0, 0, ino, 0, 0, 0, 0);
        }

        @Override
        public void setattr(VattrChange change) {
        }
    }

    private static final FileSystemType TYPE = new FileSystemType() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public boolean needsDevice() {
            return false;
        }

        @Override
        public FileSystem mount(MountRequest request) {
            throw new UnsupportedOperationException();
        }
    };

    private final Counters counters = new Counters();
    /** The host thread, outside any simulation: no CPU, nothing charged, nothing that may block. */
    private static final class HostThread implements VfsHost {
        @Override
        public Machine machine() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long now() {
            return 0;
        }

        @Override
        public long realtime() {
            return 0;
        }

        @Override
        public int curcpu() {
            return -1;
        }

        @Override
        public long curthread() {
            return 0;
        }

        @Override
        public void charge(long cycles) {
        }

        @Override
        public KernelThreads kthreads() {
            throw new UnsupportedOperationException("no kernel threads on the host thread");
        }

        @Override
        public BlockIo blockIo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Sleeper sleeper() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SyncHost syncHost() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void gettoken(String name, boolean shared) {
        }

        @Override
        public void reltoken() {
        }

        @Override
        public RandomGenerator random(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long sysctl(String name) {
            throw new UnsupportedOperationException();
        }
    }

    private final Host host = new Host(new HostThread(), null);
    private final VnodeTable vnodes = new VnodeTable(host, counters);
    private final NameCache cache = new NameCache(host, vnodes, counters);
    private final Mount mp = new Mount(0, TYPE, new FileSystem() {
        @Override
        public FsNode root() {
            return new Node(2, VType.VDIR);
        }

        @Override
        public FsCapacity statfs() {
            return new FsCapacity(4096, 1, 1, 1, 1);
        }

        @Override
        public void sync(boolean waitFor) {
        }

        @Override
        public void unmount(boolean force) {
        }
    }, "none", false, null);
    private final Ncp root = rootEntry();

    private Ncp rootEntry() {
        Vnode vp = vnodes.vget(mp, new Node(2, VType.VDIR));
        Ncp r = cache.allocRoot(mp, vp);
        vnodes.vrele(vp);
        return r;
    }

    private Ncp lookup(Ncp dir, String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return cache.nlookup(dir, b, 0, b.length);
    }

    private Ncp positive(Ncp dir, String name, long ino, VType type) {
        Ncp n = lookup(dir, name);
        Vnode vp = vnodes.vget(mp, new Node(ino, type));
        cache.setvp(n, vp);
        vnodes.vrele(vp);
        return n;
    }

    @Test
    void aNameIsOneEntryPerDirectoryAndAMissCreatesItUnresolved() {
        Ncp a = lookup(root, "a");
        assertFalse(a.resolved());
        assertSame(a, lookup(root, "a"));
        Ncp sub = positive(root, "sub", 3, VType.VDIR);
        assertNotSame(a, lookup(sub, "a"), "the same name in another directory is another entry");
        assertEquals(1, counters.ncpHits);
        assertEquals(3, counters.ncpMisses);
    }

    @Test
    void negativeEntriesAreTrimmedOnceTheyExceedOneSixteenthOfTheEntriesButNeverALockedOne() {
        for (int i = 0; i < 64; i++) {
            positive(root, "f" + i, 10 + i, VType.VREG);
        }
        for (int i = 0; i < 19; i++) {
            cache.setvp(lookup(root, "missing" + i), null);
        }
        Ncp locked = lookup(root, "missing-locked");
        cache.lock(locked);
        cache.setvp(locked, null);
        assertTrue(cache.negatives() * NameCache.NCNEGFACTOR <= cache.entries() + NameCache.NCNEGFACTOR,
                cache.negatives() + " negatives among " + cache.entries() + " entries");
        assertTrue(counters.ncpNegativesTrimmed > 0);
        assertTrue(locked.negative() && !locked.destroyed(), "a locked entry (its creator's) is never trimmed");
        cache.unlock(locked);
    }

    @Test
    void aRenameMovesTheEntryWithItsSubtreeAndDestroysTheTarget() {
        Ncp dir = positive(root, "dir", 3, VType.VDIR);
        Ncp inner = positive(dir, "inner", 4, VType.VREG);
        Ncp target = positive(root, "target", 5, VType.VREG);
        Vnode targetVp = target.vp;
        Ncp other = positive(root, "other", 6, VType.VDIR);
        Ncp place = lookup(other, "moved");
        cache.setvp(place, null);
        cache.rename(dir, place);
        assertSame(dir, lookup(other, "moved"));
        assertSame(inner, lookup(dir, "inner"), "the subtree came along");
        assertFalse(lookup(root, "dir").resolved(), "the old name is a new, unresolved entry");
        cache.rename(inner, target);
        assertTrue(target.destroyed());
        assertEquals(VState.DEAD, targetVp.state, "the replaced file's vnode is reclaimed once nothing holds it");
    }

    @Test
    void destroyingADirectorysEntryDestroysEverythingBelowIt() {
        Ncp dir = positive(root, "dir", 3, VType.VDIR);
        Ncp deep = positive(positive(dir, "a", 4, VType.VDIR), "b", 5, VType.VREG);
        Vnode deepVp = deep.vp;
        cache.destroy(dir);
        assertTrue(deep.destroyed());
        assertEquals(VState.DEAD, deepVp.state);
        assertEquals(java.util.Set.of(2L), mp.vnodes.keySet(), "only the root's vnode is left");
    }
}
