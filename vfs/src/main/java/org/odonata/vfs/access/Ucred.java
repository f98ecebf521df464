package org.odonata.vfs.access;

import java.util.Arrays;

/**
 * A process's credentials ({@code struct ucred}): real, effective and saved uid and gid, and the supplementary
 * groups. Immutable: a change makes a new one (as {@code crcopy} does), so a fork shares it safely.
 */
public record Ucred(int ruid, int euid, int svuid, int rgid, int egid, int svgid, int[] groups) {

    public static final Ucred ROOT = new Ucred(0, 0, 0, 0, 0, 0, new int[] {0});

    public Ucred {
        groups = groups.clone();
    }

    @Override
    public int[] groups() {
        return groups.clone();
    }

    public boolean superuser() {
        return euid == 0;
    }

    /** {@code groupmember}: the effective gid or one of the supplementary groups. */
    public boolean groupMember(int gid) {
        if (egid == gid) {
            return true;
        }
        for (int g : groups) {
            if (g == gid) {
                return true;
            }
        }
        return false;
    }

    public Ucred withUids(int r, int e, int s) {
        return new Ucred(r, e, s, rgid, egid, svgid, groups);
    }

    public Ucred withGids(int r, int e, int s) {
        return new Ucred(ruid, euid, svuid, r, e, s, groups);
    }

    public Ucred withGroups(int[] g) {
        return new Ucred(ruid, euid, svuid, rgid, egid, svgid, g);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ucred c && c.ruid == ruid && c.euid == euid && c.svuid == svuid && c.rgid == rgid
                && c.egid == egid && c.svgid == svgid && Arrays.equals(c.groups, groups);
    }

    @Override
    public int hashCode() {
        return euid * 31 + egid;
    }

    @Override
    public String toString() {
        return "uid=" + euid + " gid=" + egid + " groups=" + Arrays.toString(groups);
    }
}
