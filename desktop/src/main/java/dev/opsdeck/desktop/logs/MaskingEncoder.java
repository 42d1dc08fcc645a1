package dev.opsdeck.desktop.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Writes what another encoder writes with every secret's value replaced, so no line (message, argument or stack
 * trace, from our code or a library's) carries a token or a key, whoever logged it.
 */
final class MaskingEncoder extends EncoderBase<ILoggingEvent> {

    static final String MASK = "****";
    /** Shorter values are not masked: they would blank ordinary words, and are no secret worth the name. */
    private static final int SHORTEST = 4;

    private final Encoder<ILoggingEvent> encoder;
    private final List<String> secrets;

    MaskingEncoder(Encoder<ILoggingEvent> encoder, Collection<String> secrets) {
        this.encoder = encoder;
        // Longest first, so a secret containing another is masked whole.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= SHORTEST).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public void start() {
        encoder.start();
        super.start();
    }

    @Override
    public void stop() {
        encoder.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] bytes = encoder.encode(event);
        if (secrets.isEmpty() || bytes == null) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String secret : secrets) {
            text = text.replace(secret, MASK);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }
}
