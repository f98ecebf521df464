package org.odonata.shell;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.gogo.runtime.SyntaxError;
import org.apache.felix.gogo.runtime.Token;

/**
 * Splits a Gogo script into its top-level statements (separated by newlines or {@code ;}), each with the line
 * it starts on, using Gogo's own parser so closures and multi-line blocks stay whole.
 */
final class ScriptStatements {

    /** One statement of a script and the 1-based line it starts on. */
    record Statement(int line, String text) {
    }

    private ScriptStatements() {
    }

    /**
     * @throws IllegalArgumentException naming the line and column of a syntax error
     */
    static List<Statement> split(String script) {
        Parser.Program program;
        try {
            program = new Parser(script).program();
        } catch (SyntaxError e) {
            throw new IllegalArgumentException("line " + (e.line() + 1) + ", column " + (e.column() + 1) + ": "
                    + e.getMessage(), e);
        }
        List<Statement> statements = new ArrayList<>();
        Token first = null;
        Token last = null;
        for (Parser.Executable ex : program.tokens()) {
            if (ex instanceof Parser.Operator op && (Token.eq(";", op) || Token.eq("\n", op))) {
                add(statements, script, first, last);
                first = null;
            } else {
                if (first == null) {
                    first = ex;
                }
                last = ex;
            }
        }
        add(statements, script, first, last);
        return statements;
    }

    /** Whether {@code text} ends inside a quote, closure or block, so that more lines should follow. */
    static boolean incomplete(String text) {
        try {
            new Parser(text).program();
            return false;
        } catch (SyntaxError e) {
            return e.getMessage() != null && e.getMessage().contains("EOT");
        }
    }

    private static void add(List<Statement> out, String script, Token first, Token last) {
        if (first != null) {
            String text = script.substring(first.start(), last.start() + last.length()).strip();
            if (!text.isEmpty()) {
                out.add(new Statement(first.line() + 1, text));
            }
        }
    }
}
