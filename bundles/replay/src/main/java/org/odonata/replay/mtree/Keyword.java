package org.odonata.replay.mtree;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The mtree keywords this implementation writes and checks. */
public enum Keyword {
    TYPE, SIZE, SHA256, MODE, NLINK, LINK, UID, GID;

    /** All of them: what {@code fs:mtree} writes without {@code -k}. */
    public static final Set<Keyword> ALL = EnumSet.allOf(Keyword.class);

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a keyword list as mtree's {@code -k} takes it: names separated by commas or spaces ({@code sha256digest}
     * is {@code sha256}).
     *
     * @throws IllegalArgumentException naming an unknown keyword and the supported ones
     */
    public static Set<Keyword> parse(String list) {
        Set<Keyword> out = EnumSet.noneOf(Keyword.class);
        for (String k : list.trim().split("[,\\s]+")) {
            if (k.isEmpty()) {
                continue;
            }
            String name = k.equals("sha256digest") ? "sha256" : k;
            Keyword found = null;
            for (Keyword w : values()) {
                if (w.keyword().equals(name)) {
                    found = w;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown mtree keyword '" + k + "'; supported: "
                        + ALL.stream().map(Keyword::keyword).collect(Collectors.joining(",")));
            }
            out.add(found);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no mtree keywords in '" + list + "'");
        }
        return out;
    }
}
