package org.odonata.probe;

import java.util.regex.Pattern;

/**
 * What a probe attaches to: {@code Class#method} with globs on either side. In the class part {@code *} matches
 * within one package segment and {@code **} across segments ({@code org.odonata.sched.lwkt.dfly.*#choose*});
 * a nested class is {@code Outer$Inner}. In the method part {@code *} matches any characters.
 */
record Target(String text, Pattern classPattern, Pattern methodPattern) {

    /** @throws IllegalArgumentException saying what form a target takes */
    static Target parse(String text) {
        int hash = text.indexOf('#');
        if (hash <= 0 || hash == text.length() - 1 || text.indexOf('#', hash + 1) >= 0) {
            throw new IllegalArgumentException("probe target '" + text + "' is not Class#method (globs allowed: "
                    + "org.odonata.sched.lwkt.dfly.*#choose*)");
        }
        String cls = text.substring(0, hash);
        String method = text.substring(hash + 1);
        if (!cls.matches("[A-Za-z0-9_$.*]+") || !method.matches("[A-Za-z0-9_$*]+")) {
            throw new IllegalArgumentException("probe target '" + text + "': a class is letters, digits, _ $ . and "
                    + "globs (*, **); a method is letters, digits, _ $ and *");
        }
        return new Target(text, Pattern.compile(glob(cls, true)), Pattern.compile(glob(method, false)));
    }

    private static String glob(String g, boolean segments) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && segments && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                b.append(".*");
                i++;
            } else if (c == '*') {
                b.append(segments ? "[^.]*" : ".*");
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return b.toString();
    }

    boolean matchesClass(String className) {
        return classPattern.matcher(className).matches();
    }

    boolean matchesMethod(String methodName) {
        return methodPattern.matcher(methodName).matches();
    }

    /** The fixed package prefix before the first glob, to skip whole packages quickly. */
    String literalPrefix() {
        String cls = text.substring(0, text.indexOf('#'));
        int star = cls.indexOf('*');
        return star < 0 ? cls : cls.substring(0, star);
    }
}
