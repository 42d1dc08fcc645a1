package dev.opsdeck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A custom inject is checked against {@link InjectLimits}, the one source every door (form, /ws, REST, alerts) uses. */
class InjectionTest {

    @Test
    void eachFieldAtItsLimit_passes_andOneCharacterPast_isRefusedNamingTheField() {
        String system = "s".repeat(InjectLimits.SYSTEM);
        String issue = "i".repeat(InjectLimits.ISSUE);
        String description = "d".repeat(InjectLimits.DESCRIPTION);
        assertThat(Injection.custom(system, issue, "sev2", description).problems()).isEmpty();

        assertThat(Injection.custom(system + "s", issue, "sev2", "").problems()).containsOnlyKeys("system");
        assertThat(Injection.custom(system, issue + "i", "sev2", "").problems())
                .containsEntry("issue", "issue is 101 characters long; at most 100");
        assertThat(Injection.custom(system, issue, "sev2", description + "d").problems())
                .containsEntry("description", "description is 4001 characters long; at most 4000");
    }

    @Test
    void aLongWrongSeverity_isNamedBackClipped() {
        assertThat(Injection.custom("db-01", "disk_full", "x".repeat(500), "").invalid())
                .contains("sev must be sev1, sev2 or sev3, got '" + "x".repeat(InjectLimits.SEV) + "…'");
    }
}
