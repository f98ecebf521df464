package org.odonata.vfs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.odonata.api.fs.VType;
import org.odonata.api.fs.Vattr;
import org.odonata.api.vfs.Errno;
import org.odonata.api.vfs.Fcntl;

/** {@code naccess_va} ({@code vfs_nlookup.c}) and the sticky rule, as POSIX and DragonFly define them. */
class AccessTest {

    private static Vattr file(int mode, int uid, int gid) {
        return new Vattr(VType.VREG, mode, 1, uid, gid, 0, 0, 5, 0, 0, 0, 0);
    }

    private static final Ucred ALICE = new Ucred(1000, 1000, 1000, 100, 100, 100, new int[] {100, 200});
    private static final Ucred BOB = new Ucred(1001, 1001, 1001, 300, 300, 300, new int[] {300});

    @Test
    void exactlyOneClassOfBitsIsConsultedOwnerFirst() {
        // the owner is refused by the owner bits even though "other" would allow: naccess_va stops at the owner
        assertEquals(Errno.EACCES.negated(), Access.check(file(0044, 1000, 100), Access.VREAD, ALICE));
        assertEquals(0, Access.check(file(0400, 1000, 999), Access.VREAD, ALICE));
        // a supplementary group counts as membership
        assertEquals(0, Access.check(file(0040, 5, 200), Access.VREAD, ALICE));
        assertEquals(Errno.EACCES.negated(), Access.check(file(0604, 5, 200), Access.VREAD, ALICE));
        assertEquals(0, Access.check(file(0004, 5, 999), Access.VREAD, BOB));
    }

    @Test
    void rootReadsAndWritesAnythingButExecutesOnlyWhatSomeoneMay() {
        assertEquals(0, Access.check(file(0000, 5, 5), Access.VREAD | Access.VWRITE, Ucred.ROOT));
        assertEquals(Errno.EACCES.negated(), Access.check(file(0644, 5, 5), Access.VEXEC, Ucred.ROOT));
        assertEquals(0, Access.check(file(0010, 5, 5), Access.VEXEC, Ucred.ROOT));
    }

    @Test
    void inAStickyDirectoryOnlyTheFilesOrTheDirectorysOwnerMayRemove() {
        Vattr tmp = new Vattr(VType.VDIR, 01777, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0);
        assertEquals(Errno.EPERM.negated(), Access.sticky(tmp, file(0666, 1001, 300), ALICE));
        assertEquals(0, Access.sticky(tmp, file(0600, 1000, 100), ALICE));
        assertEquals(0, Access.sticky(tmp, file(0600, 1001, 300), Ucred.ROOT));
        Vattr plain = new Vattr(VType.VDIR, 0777, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0);
        assertEquals(0, Access.sticky(plain, file(0600, 1001, 300), ALICE));
    }

    @Test
    void accessModesMapToVnodeModes() {
        assertEquals(Access.VREAD | Access.VEXEC, Access.vmodeOf(Fcntl.R_OK | Fcntl.X_OK));
        assertEquals(0, Access.vmodeOf(Fcntl.F_OK));
    }
}
