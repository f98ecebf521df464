package org.odonata.kern.workload;

import org.odonata.api.engine.VirtualDuration;
import java.util.ArrayList;
import java.util.List;

/** Parses a workload's arguments: positional values plus {@code --name value} options and {@code --flag}s. */
final class Args {

    private final String usage;
    private final List<String> positional = new ArrayList<>();
    private final List<String> options = new ArrayList<>();

    Args(String usage, List<String> args, List<String> valued, List<String> flags) {
        this.usage = usage;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                if (valued.contains(name)) {
                    if (i + 1 >= args.size()) {
                        throw bad("option --" + name + " needs a value");
                    }
                    options.add(name);
                    options.add(args.get(++i));
                } else if (flags.contains(name)) {
                    options.add(name);
                    options.add("true");
                } else {
                    throw bad("unknown option --" + name);
                }
            } else {
                positional.add(a);
            }
        }
    }

    int positionalInt(int index, String what, int min, int max, int dflt) {
        if (index >= positional.size()) {
            if (dflt < min) {
                throw bad("missing " + what);
            }
            return dflt;
        }
        String v = positional.get(index);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw bad(what + " must be in " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(what + " must be a number, was '" + v + "'");
        }
    }

    void noMorePositional(int count) {
        if (positional.size() > count) {
            throw bad("unexpected argument '" + positional.get(count) + "'");
        }
    }

    String option(String name) {
        for (int i = 0; i < options.size(); i += 2) {
            if (options.get(i).equals(name)) {
                return options.get(i + 1);
            }
        }
        return null;
    }

    boolean flag(String name) {
        return option(name) != null;
    }

    long duration(String name, long dflt) {
        String v = option(name);
        if (v == null) {
            return dflt;
        }
        try {
            return VirtualDuration.parse(v).nanos();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    IllegalArgumentException bad(String problem) {
        return new IllegalArgumentException(problem + "; usage: " + usage);
    }
}
