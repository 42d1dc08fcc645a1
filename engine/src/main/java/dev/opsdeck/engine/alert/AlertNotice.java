package dev.opsdeck.engine.alert;

import dev.opsdeck.engine.ticket.Alert;

/**
 * One alert of a webhook delivery, mapped onto what a ticket needs. A firing notice opens a ticket (unless its
 * fingerprint already has one open); a resolved one only adds a history line to its ticket.
 *
 * @param system      where it fired, or empty when no label names a system (the notice is then ignored)
 * @param description the {@code summary} and {@code description} annotations, joined
 * @param endsAt      when a resolved alert ended, as delivered; empty while firing
 */
public record AlertNotice(boolean firing, String system, String issue, String sev, String description, Alert alert,
        String endsAt) {

    public String fingerprint() {
        return alert.fingerprint();
    }
}
