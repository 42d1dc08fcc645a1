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
    void nothingIsSaidBeforeTheFirstEdit_andEachProblemShowsAtItsOwnField() {
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.systemErrorProperty().get()).as("not before typing").isEmpty();
        assertThat(form.issueErrorProperty().get()).isEmpty();

        form.systemProperty().set("the web server is down");
        assertThat(form.systemErrorProperty().get()).startsWith("system must be a host or service name");
        assertThat(form.issueErrorProperty().get()).as("the issue was not edited yet").isEmpty();

        form.systemProperty().set("web-01:8080");
        form.issueProperty().set("bad key!");
        assertThat(form.systemErrorProperty().get()).isEmpty();
        assertThat(form.issueErrorProperty().get()).startsWith("issue must be a key like");
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
