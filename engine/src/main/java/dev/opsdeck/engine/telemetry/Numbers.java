package dev.opsdeck.engine.telemetry;

import java.math.BigDecimal;
import java.math.MathContext;

/** Values as a person reads them in a probe line: four significant digits, no exponent, no trailing zeros. */
final class Numbers {

    private Numbers() {
    }

    static String plain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
