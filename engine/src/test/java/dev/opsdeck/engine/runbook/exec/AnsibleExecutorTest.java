package dev.opsdeck.engine.runbook.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.opsdeck.engine.runbook.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's ansible-core against localhost: the dry run shows the diff and changes nothing; the run changes it. */
class AnsibleExecutorTest {

    @TempDir
    Path dir;

    @Test
    void aPlaybook_dryRunShowsTheDiff_andTheApprovedRunChangesTheFile() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/ansible-playbook"));
        if (System.getenv("OPSDECK_REQUIRE_ANSIBLE") != null) {
            assertThat(installed).as("ansible-playbook (Debian's ansible-core) is required here").isTrue();
        }
        assumeTrue(installed, "ansible-playbook is not installed (apt-get install ansible-core)");
        Path target = Files.writeString(dir.resolve("nginx.conf"), "proxy_read_timeout 60s;\n");
        Path inventory = Files.writeString(dir.resolve("hosts"), "localhost ansible_connection=local "
                + "ansible_python_interpreter=/usr/bin/python3\n");
        Path playbook = Files.writeString(dir.resolve("timeout.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: raise the upstream timeout
                      ansible.builtin.lineinfile:
                        path: "{{ conf }}"
                        regexp: '^proxy_read_timeout'
                        line: "proxy_read_timeout {{ seconds }}s;"
                """);
        Step.Ansible run = new Step.Ansible(playbook.toString(), inventory.toString(), "localhost",
                Map.of("conf", target.toString(), "seconds", "90"), false, Duration.ofSeconds(120));
        LocalExecutor executor = new LocalExecutor(new Secrets(Map.of()));

        Result dry = executor.execute(run.checked());
        assertThat(dry.ok()).as(dry.output()).isTrue();
        assertThat(dry.output()).contains("-proxy_read_timeout 60s;").contains("+proxy_read_timeout 90s;");
        assertThat(Files.readString(target)).isEqualTo("proxy_read_timeout 60s;\n");
        assertThat(run.checked().shown()).contains("--check --diff").contains("--limit localhost");

        Result done = executor.execute(run);
        assertThat(done.ok()).as(done.output()).isTrue();
        assertThat(done.output()).contains("changed=1");
        assertThat(Files.readString(target)).isEqualTo("proxy_read_timeout 90s;\n");
    }
}
