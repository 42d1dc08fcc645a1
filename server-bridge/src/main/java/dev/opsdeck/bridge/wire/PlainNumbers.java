package dev.opsdeck.bridge.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Doubles written the way the original (Python) wrote them: plain, with a fraction. Jackson's default turns epoch
 * seconds into {@code 1.76377680025E9}, valid JSON but not what a client of the original expects to read.
 */
final class PlainNumbers {

    private PlainNumbers() {
    }

    /** Every double (and float) the wire's mapper writes, a ticket's inside a bean as well, goes through here. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("plain-numbers");
        m.addSerializer(Double.class, new Plain<>(Double.class));
        m.addSerializer(Double.TYPE, new Plain<>(Double.TYPE));
        m.addSerializer(Float.class, new Plain<>(Float.class));
        m.addSerializer(Float.TYPE, new Plain<>(Float.TYPE));
        return m;
    }

    static void write(JsonGenerator g, double d) throws IOException {
        if (Double.isFinite(d)) {
            g.writeNumber(of(d));
        } else {
            g.writeNumber(d); // not a number JSON has: Jackson's own way (a string), as before
        }
    }

    /**
     * {@code 1763776800.25}, {@code 1763776800.0}: the shortest decimal that reads back as {@code d}, never an
     * exponent, always a fraction. The same text as {@code BigDecimal.valueOf(d)} written plain (with a scale of at
     * least 1), without making one: epoch seconds are in every event, several times in a ticket.
     */
    static String of(double d) {
        if (d == 0) {
            return "0.0"; // a decimal has no negative zero
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s; // already plain, with a fraction
        }
        if (s.charAt(e + 1) == '-') {
            BigDecimal b = new BigDecimal(s); // below 1e-3: rare, and BigDecimal's scale keeps its trailing zeros
            return (b.scale() > 0 ? b : b.setScale(1)).toPlainString();
        }
        boolean negative = s.charAt(0) == '-';
        int dot = s.indexOf('.');
        String digits = s.substring(negative ? 1 : 0, dot) + s.substring(dot + 1, e);
        int scale = (e - dot - 1) - Integer.parseInt(s.substring(e + 1));
        StringBuilder b = new StringBuilder(digits.length() + 4);
        if (negative) {
            b.append('-');
        }
        if (scale > 0) {
            b.append(digits, 0, digits.length() - scale).append('.').append(digits, digits.length() - scale,
                    digits.length());
        } else {
            b.append(digits);
            b.append("0".repeat(-scale)).append(".0");
        }
        return b.toString();
    }

    private static final class Plain<T extends Number> extends StdSerializer<T> {
        Plain(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            write(g, value.doubleValue());
        }
    }
}
