package dev.opsdeck.desktop.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomIncidentViewModelTest {

    private final CustomIncidentViewModel form = new CustomIncidentViewModel();

    @Test
    void anEmptySystem_isRefused_withTheReason() {
        form.issueProperty().set("replication_lag");

        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("system is required");
    }

    @Test
    void aBadIssueKey_saysWhatAKeyLooksLike() {
        form.systemProperty().set("db-primary-01");
        form.issueProperty().set("replication lag!");

        assertThat(form.errorProperty().get()).startsWith("issue must be a key like");
    }

    @Test
    void aCompleteForm_isValid_andBuildsTheInjection() {
        form.systemProperty().set(" db-primary-01 ");
        form.issueProperty().set("replication_lag");
        form.sevProperty().set("sev1");

        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.injection().system()).isEqualTo("db-primary-01");
        assertThat(form.injection().sev()).isEqualTo("sev1");
    }
}
