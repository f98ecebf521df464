package org.odonata.experiments.chart;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.function.DoubleFunction;

/** Tick labels from a function ({@code 10 µs}, {@code 4}), for JFreeChart's axes, which take a NumberFormat. */
final class TickFormat extends NumberFormat {

    private static final long serialVersionUID = 1L;

    private final transient DoubleFunction<String> label;

    TickFormat(DoubleFunction<String> label) {
        this.label = label;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(label.apply(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("tick labels are only written");
    }
}
