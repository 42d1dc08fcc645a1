package dev.opsdeck.engine.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.opsdeck.engine.ticket.Alert;
import dev.opsdeck.engine.ticket.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLoaderTest {

    static final String FREE_SPACE = """
            version: 1
            actions:
              - id: free_fill_file
                title: Remove the fill file on the full filesystem
                risk: disruptive
                match:
                  alertname: [NodeFilesystemAlmostFull]
                params:
                  mountpoint:
                    from: alert.labels.mountpoint
                    pattern: '^/[A-Za-z0-9._/-]+$'
                run:
                  command: ['/usr/bin/rm', '-f', '{mountpoint}/fill']
                  timeout: 10s
                dry_run:
                  command: ['/usr/bin/du', '-sh', '{mountpoint}']
                verify:
                  promql: 'node_filesystem_avail_bytes{mountpoint="{mountpoint}"} > 0'
                  within: 30s
            """;

    @TempDir
    Path dir;

    @Test
    void aRunbook_isProposedForTheTicketItMatches_withEveryParameterSubstitutedInsideItsArgument() throws Exception {
        Runbook rb = RunbookLoader.load(write("rb.yaml", FREE_SPACE));
        Runbook.Proposals p = rb.propose(alertTicket("/mnt/data disk"));

        assertThat(p.proposed()).isEmpty();
        assertThat(p.refused()).singleElement().asString()
                .contains("free_fill_file not proposed: parameter 'mountpoint'").contains("does not match");

        Proposal ok = rb.propose(alertTicket("/mnt/data")).proposed().get(0);
        assertThat(((Step.Command) ok.run()).argv()).containsExactly("/usr/bin/rm", "-f", "/mnt/data/fill");
        assertThat(ok.shown()).isEqualTo("/usr/bin/rm -f /mnt/data/fill");
        assertThat(ok.verify()).isEqualTo("node_filesystem_avail_bytes{mountpoint=\"/mnt/data\"} > 0");
        assertThat(ok.digest()).hasSize(64).isEqualTo(rb.propose(alertTicket("/mnt/data")).proposed().get(0).digest());
        assertThat(rb.propose(alertTicket("/mnt/other")).proposed().get(0).digest()).isNotEqualTo(ok.digest());
        assertThat(rb.propose(Ticket.open("INC-001", "web-01", "web_5xx", "sev2", 0)).proposed()).isEmpty();
    }

    @Test
    void aValueStartingWithADash_orCarryingASecretReference_isNeverProposed() throws Exception {
        Runbook rb = RunbookLoader.load(write("rb.yaml", FREE_SPACE.replace("'^/[A-Za-z0-9._/-]+$'", "'.+'")));
        assertThat(rb.propose(alertTicket("${env:HOME}")).refused()).singleElement().asString().contains("'${'");
        Runbook strict = RunbookLoader.load(write("rb2.yaml", FREE_SPACE));
        assertThat(strict.propose(alertTicket("-rf")).proposed()).isEmpty();
    }

    @Test
    void aRunbookOthersMayWrite_isRefusedAtStart_withOneLineNamingIt() throws Exception {
        Path file = write("rb.yaml", FREE_SPACE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> RunbookLoader.load(file)).isInstanceOf(RunbookException.class)
                .hasMessage(file + ": refused: it is writable by its group (chmod go-w " + file + ")");

        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path inOpen = Files.writeString(open.resolve("rb.yaml"), FREE_SPACE);
        Files.setPosixFilePermissions(inOpen, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> RunbookLoader.load(inOpen)).hasMessageContaining("its folder " + open
                + " is writable by group and others");
    }

    @Test
    void everyMistake_isOneLineWithTheFileAndTheLine() throws Exception {
        assertThatThrownBy(() -> RunbookLoader.load(write("a.yaml", FREE_SPACE.replace("risk: disruptive",
                "risk: disruptive\n    auto: true")))).hasMessage(dir.resolve("a.yaml")
                + ":6: a disruptive action can never be auto: it always needs a sign-off");
        assertThatThrownBy(() -> RunbookLoader.load(write("b.yaml", FREE_SPACE.replace("{mountpoint}/fill",
                "{mount}/fill")))).hasMessageContaining("b.yaml:").hasMessageContaining("{mount} is used but no "
                + "parameter 'mount' is declared");
        assertThatThrownBy(() -> RunbookLoader.load(write("c.yaml", FREE_SPACE.replace("pattern: '^",
                "patern: '^")))).hasMessageContaining("c.yaml:11: unknown key 'patern'");
        assertThatThrownBy(() -> RunbookLoader.load(write("d.yaml", "version: 1\nactions: [\n")))
                .hasMessageContaining("d.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RunbookLoader.load(write("e.yaml", FREE_SPACE.replace("command: ['/usr/bin/rm'",
                "command: ['{mountpoint}'")))).hasMessageContaining("the program itself may not come from a parameter");
        assertThatThrownBy(() -> RunbookLoader.load(write("f.yaml", FREE_SPACE.replace("run:\n      command",
                "run:\n      simulated: 'x'\n      command")))).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> RunbookLoader.load(List.of(write("g.yaml", FREE_SPACE), write("h.yaml", FREE_SPACE))))
                .hasMessageContaining("action id 'free_fill_file' is defined twice");
    }

    @Test
    void theBundledWorldsRunbook_isSimulatedThroughout() {
        Runbook bundled = RunbookLoader.bundled();
        assertThat(bundled.actions()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.run()).isInstanceOf(Step.Simulated.class);
            assertThat(a.run().shown()).startsWith("(simulated) ");
        });
        assertThatThrownBy(() -> RunbookLoader.load(write("sim.yaml", FREE_SPACE.replace(
                "command: ['/usr/bin/rm', '-f', '{mountpoint}/fill']", "simulated: 'x'"))))
                .hasMessageContaining("'simulated' is for the bundled world's runbook only");
    }

    @Test
    void theReadmesExampleRunbook_loads_andProposesTheUnitRestartOnlyForAUnitName() throws Exception {
        Path example = Files.copy(Path.of("..", "examples", "runbook.yaml"), dir.resolve("example.yaml"));
        Files.setPosixFilePermissions(example, PosixFilePermissions.fromString("rw-r--r--"));
        Runbook rb = RunbookLoader.load(example);
        assertThat(rb.actions()).extracting(Action::id).containsExactly("clean_tmp_files", "restart_unit",
                "rundeck_rotate_logs", "nginx_raise_timeout");
        Ticket unit = Ticket.open("INC-002", "db-01", "NodeSystemdUnitFailed", "sev2", 0).withAlert(new Alert(
                "alertmanager", "fp", Map.of("alertname", "NodeSystemdUnitFailed", "name", "postgresql@15-main.service"),
                Map.of(), "", "", Map.of(), Map.of()));
        assertThat(rb.propose(unit).proposed()).singleElement().extracting(Proposal::shown)
                .isEqualTo("/usr/bin/systemctl restart postgresql@15-main.service");
        Ticket sneaky = unit.withAlert(new Alert("alertmanager", "fp", Map.of("alertname", "NodeSystemdUnitFailed",
                "name", "--now poweroff.target"), Map.of(), "", "", Map.of(), Map.of()));
        assertThat(rb.propose(sneaky).proposed()).isEmpty();
    }

    private Path write(String name, String text) throws Exception {
        Path f = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        return f;
    }

    static Ticket alertTicket(String mountpoint) {
        Alert alert = new Alert("alertmanager", "fp1", Map.of("alertname", "NodeFilesystemAlmostFull",
                "mountpoint", mountpoint, "instance", "127.0.0.1:9100"), Map.of(), "", "", Map.of(), Map.of());
        return Ticket.open("INC-001", "127.0.0.1", "NodeFilesystemAlmostFull", "sev2", 0).withAlert(alert);
    }
}
