package dev.opsdeck.engine.ticket;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as a person reads them in a refusal ("acknowledged by alice at 02:14 UTC"). */
final class Clocks {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Clocks() {
    }

    static String hhmm(double epochSeconds) {
        return HHMM.format(Instant.ofEpochMilli((long) (epochSeconds * 1000)));
    }
}
