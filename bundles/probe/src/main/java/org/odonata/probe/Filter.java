package org.odonata.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A probe's condition, evaluated when a probed method returns: comparisons joined by {@code &&}, each
 * {@code FIELD OP VALUE} where FIELD is {@code cpu}, {@code argN} (the N-th argument, from 0), {@code ret} or
 * {@code lat} (virtual nanoseconds since entry), OP one of {@code == != < <= > >=}, and VALUE a number,
 * {@code true}/{@code false}, or a word compared with the value's text ({@code arg1 == DEMO}).
 */
final class Filter {

    private static final Pattern TERM = Pattern.compile("\\s*(cpu|ret|lat|arg([0-9]+))\\s*(==|!=|<=|>=|<|>)\\s*"
            + "([-+]?[0-9]+(\\.[0-9]+)?|true|false|[A-Za-z_][A-Za-z0-9_.$-]*)\\s*");

    private record Term(String field, int arg, String op, String value, double number) {
    }

    static final Filter NONE = new Filter("", List.of());

    private final String text;
    private final List<Term> terms;

    private Filter(String text, List<Term> terms) {
        this.text = text;
        this.terms = List.copyOf(terms);
    }

    /** @throws IllegalArgumentException naming the part that is not a comparison */
    static Filter parse(String text) {
        List<Term> terms = new ArrayList<>();
        for (String part : text.split("&&", -1)) {
            Matcher m = TERM.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed filter '" + text + "': '" + part.strip() + "' is not "
                        + "FIELD OP VALUE (FIELD: cpu, argN, ret, lat; OP: == != < <= > >=), e.g. 'cpu == 0 && "
                        + "lat > 1000'");
            }
            String v = m.group(4);
            double n = v.matches("[-+]?[0-9]+(\\.[0-9]+)?") ? Double.parseDouble(v) : Double.NaN;
            terms.add(new Term(m.group(2) != null ? "arg" : m.group(1), m.group(2) != null
                    ? Integer.parseInt(m.group(2)) : -1, m.group(3), v, n));
        }
        return new Filter(text.strip(), terms);
    }

    String text() {
        return text;
    }

    /** Whether a call passes; an argument index past the method's arguments fails the comparison. */
    boolean test(int cpu, long latency, Object[] args, Object ret) {
        for (Term t : terms) {
            Object v = switch (t.field()) {
                case "cpu" -> cpu;
                case "lat" -> latency;
                case "ret" -> ret;
                default -> args != null && t.arg() < args.length ? args[t.arg()] : Missing.ARG;
            };
            if (v == Missing.ARG || !compare(v, t)) {
                return false;
            }
        }
        return true;
    }

    private enum Missing { ARG }

    private static boolean compare(Object v, Term t) {
        int c;
        if (!Double.isNaN(t.number()) && (v instanceof Number || v instanceof Character)) {
            double x = v instanceof Character ch ? ch : ((Number) v).doubleValue();
            c = Double.compare(x, t.number());
        } else {
            c = String.valueOf(v).compareTo(t.value());
        }
        return switch (t.op()) {
            case "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }
}
