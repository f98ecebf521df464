package org.odonata.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptStatementsTest {

    @Test
    void statementsKeepTheLineTheyStartOn() {
        List<ScriptStatements.Statement> s = ScriptStatements.split("""
                # comment
                hw:presets

                hw:topology laptop-4c8t; hw:machines
                """);
        assertEquals(List.of(new ScriptStatements.Statement(2, "hw:presets"),
                new ScriptStatements.Statement(4, "hw:topology laptop-4c8t"),
                new ScriptStatements.Statement(4, "hw:machines")), s);
    }

    @Test
    void aClosureSpanningLinesIsOneStatement() {
        List<ScriptStatements.Statement> s = ScriptStatements.split("each [1 2] {\n  echo $it\n}\nhw:machines\n");
        assertEquals(2, s.size());
        assertTrue(s.get(0).text().startsWith("each [1 2] {") && s.get(0).text().endsWith("}"), s.get(0).text());
        assertEquals(4, s.get(1).line());
    }

    @Test
    void pipelinesAndConditionalsStayWhole() {
        List<ScriptStatements.Statement> s = ScriptStatements.split("hw:presets | grep epyc && echo found\n");
        assertEquals(List.of(new ScriptStatements.Statement(1, "hw:presets | grep epyc && echo found")), s);
    }

    @Test
    void anUnclosedBlockNamesItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScriptStatements.split("hw:presets\neach [1] {\n"));
        assertTrue(e.getMessage().startsWith("line "), e.getMessage());
    }
}
