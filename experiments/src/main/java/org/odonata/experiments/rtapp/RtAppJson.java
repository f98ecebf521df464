package org.odonata.experiments.rtapp;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader for rt-app's JSON dialect, which plain JSON parsers refuse: {@code //} and {@code /* *}{@code /}
 * comments, trailing commas, the same key several times in one object (two {@code run} events in a phase,
 * in order), and workgen's bare keys ({@code "suspend",} with no value, which workgen fills in with the
 * thread's own name). Objects keep every member in file order. Errors name the line and column.
 * Cost: one pass over the text.
 */
final class RtAppJson {

    /** A parsed value. */
    sealed interface Value permits Obj, Arr, Str, Num, Bool, Null, Missing {
    }

    /** An object's members in file order, duplicates kept. */
    record Obj(List<Member> members, int line) implements Value {
    }

    record Member(String key, Value value, int line, int column) {
    }

    record Arr(List<Value> items) implements Value {
    }

    record Str(String value) implements Value {
    }

    record Num(double value, String text) implements Value {
    }

    record Bool(boolean value) implements Value {
    }

    record Null() implements Value {
    }

    /** A bare key's value: workgen's "fill this in" marker. */
    record Missing() implements Value {
    }

    /** Deeper nesting than any rt-app file needs; the parser recurses, so depth is what the host stack bounds. */
    static final int MAX_DEPTH = 64;

    private final String source;
    private final String text;
    private int depth;
    private int pos;
    private int line = 1;
    private int lineStart;

    private RtAppJson(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException naming the file, line and column and what was expected
     */
    static Value parse(String source, String text) {
        RtAppJson p = new RtAppJson(source, text);
        Value v = p.value();
        p.skip();
        if (p.pos < p.text.length()) {
            throw p.error("unexpected text after the top-level object");
        }
        return v;
    }

    private Value value() {
        skip();
        if (pos >= text.length()) {
            throw error("unexpected end of file; expected a value");
        }
        char c = text.charAt(pos);
        if ((c == '{' || c == '[') && depth == MAX_DEPTH) {
            throw error("objects and lists nested more than " + MAX_DEPTH + " deep; rt-app files need a few levels");
        }
        return switch (c) {
            case '{' -> nested(this::object);
            case '[' -> nested(this::array);
            case '"' -> new Str(string());
            default -> literal();
        };
    }

    private Value nested(java.util.function.Supplier<Value> parse) {
        depth++;
        try {
            return parse.get();
        } finally {
            depth--;
        }
    }

    private Obj object() {
        int startLine = line;
        pos++;
        List<Member> members = new ArrayList<>();
        while (true) {
            skip();
            if (peek() == '}') {
                pos++;
                return new Obj(members, startLine);
            }
            if (peek() != '"') {
                throw error("expected a key in double quotes or '}'");
            }
            int keyLine = line;
            int keyColumn = pos - lineStart + 1;
            String key = string();
            skip();
            Value v;
            if (peek() == ':') {
                pos++;
                v = value();
            } else if (peek() == ',' || peek() == '}') {
                v = new Missing();
            } else {
                throw error("expected ':' after key \"" + key + "\"");
            }
            members.add(new Member(key, v, keyLine, keyColumn));
            skip();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw error("expected ',' or '}' after the value of \"" + key + "\"");
            }
        }
    }

    private Arr array() {
        pos++;
        List<Value> items = new ArrayList<>();
        while (true) {
            skip();
            if (peek() == ']') {
                pos++;
                return new Arr(items);
            }
            items.add(value());
            skip();
            if (peek() == ',') {
                pos++;
            } else if (peek() != ']') {
                throw error("expected ',' or ']' in a list");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\n') {
                throw error("unterminated string");
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("bad \\u escape");
                        }
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Value literal() {
        int start = pos;
        while (pos < text.length() && "{}[],: \t\r\n/".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        switch (word) {
            case "true":
                return new Bool(true);
            case "false":
                return new Bool(false);
            case "null":
                return new Null();
            default:
                try {
                    return new Num(Double.parseDouble(word), word);
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error(word.isEmpty() ? "expected a value" : "'" + word + "' is not a value");
                }
        }
    }

    /** Skips white space and comments, counting lines. */
    private void skip() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (text.startsWith("//", pos)) {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (text.startsWith("/*", pos)) {
                int end = text.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unterminated /* comment");
                }
                for (int i = pos; i < end; i++) {
                    if (text.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ":" + line + ":" + (pos - lineStart + 1) + ": " + message);
    }
}
