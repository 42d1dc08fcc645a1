package dev.opsdeck.desktop.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.desktop.settings.Settings;
import dev.opsdeck.desktop.settings.SettingsStore;
import dev.opsdeck.desktop.settings.SettingsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings' Copy diagnostics: what a bug report gets, and no secret in it. */
class DiagnosticsTest {

    @TempDir
    Path dataDir;

    @Test
    void diagnostics_holdTheVersionSettingsAndTheLogsLastLines_withSecretsMasked() throws Exception {
        Settings saved = new Settings("gemini-2.5-pro", true, 8100, "tok-4e8a1b", Settings.Theme.LIGHT,
                Settings.Reach.all(), "", "postgresql://ops:pw-9f3c@db:5432/ops", "", "");
        new SettingsStore(dataDir).save(saved);
        Files.createDirectories(Logs.file(dataDir).getParent());
        Files.writeString(Logs.file(dataDir), IntStream.rangeClosed(1, 250).mapToObj(i -> "line " + i
                + (i == 240 ? " token tok-4e8a1b" : "")).collect(Collectors.joining("\n")) + "\n");
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dataDir),
                Map.of("GEMINI_API_KEY", "AIza-secret-77"), s -> { });

        String text = form.diagnostics();

        assertThat(text).startsWith("OpsDeck 0.1\n")
                .contains("model keys: present (GEMINI_API_KEY)", "model=gemini-2.5-pro", "bridge=on", "port=8100",
                        "token=****", "database=postgresql://ops:****@db:5432/ops",
                        "log: " + Logs.file(dataDir), "line 51\n", "line 240 token ****", "line 250")
                .doesNotContain("tok-4e8a1b", "pw-9f3c", "AIza-secret-77", "line 50\n");
    }
}
