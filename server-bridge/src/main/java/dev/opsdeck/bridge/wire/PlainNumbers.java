package dev.opsdeck.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Doubles written the way the original (Python) wrote them: plain, with a fraction. Jackson's default turns epoch
 * seconds into {@code 1.76377680025E9}, valid JSON but not what a client of the original expects to read.
 */
final class PlainNumbers {

    private PlainNumbers() {
    }

    /** {@code 1763776800.25}, {@code 1763776800.0}: shortest exact form, never an exponent, always a fraction. */
    static DecimalNode of(double d) {
        BigDecimal b = BigDecimal.valueOf(d);
        return DecimalNode.valueOf(b.scale() > 0 ? b : b.setScale(1));
    }

    /** Rewrites every floating-point value of the tree in place; integers and the rest are left alone. */
    static JsonNode rewrite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                f.setValue(rewrite(f.getValue()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, rewrite(a.get(i)));
            }
        } else if (node != null && node.isFloatingPointNumber() && !node.isBigDecimal()
                && Double.isFinite(node.doubleValue())) {
            return of(node.doubleValue());
        }
        return node;
    }
}
