package dev.opsdeck.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void savedSettings_arePersistedInTheDataDir_andApplied() throws Exception {
        List<Settings> applied = new ArrayList<>();
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), applied::add);
        form.bridgeEnabledProperty().set(true);
        form.portProperty().set("9100");
        form.themeProperty().set(Settings.Theme.LIGHT);

        assertThat(form.save()).isTrue();

        Settings reloaded = new SettingsStore(dir).load();
        assertThat(reloaded.bridgeEnabled()).isTrue();
        assertThat(reloaded.bridgePort()).isEqualTo(9100);
        assertThat(reloaded.theme()).isEqualTo(Settings.Theme.LIGHT);
        assertThat(applied).containsExactly(reloaded);
        assertThat(Files.readString(dir.resolve("console.properties"))).contains("bridge.port=9100");
    }

    @Test
    void theLogFile_isShownWhereTheLauncherWritesIt_inTheDataDir() {
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), s -> { });

        assertThat(form.logFile()).isEqualTo(dir.resolve("logs/opsdeck.log"));
    }

    @Test
    void aBadPort_isRefused_andNothingIsSaved() {
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), s -> { });
        form.portProperty().set("eighty");

        assertThat(form.save()).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("port must be a number, like 8000");
        assertThat(dir.resolve("console.properties")).doesNotExist();
    }

    @Test
    void theKey_isReportedPresentByName_neverByValue() {
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir),
                Map.of("GEMINI_API_KEY", "secret-value"), s -> { });

        assertThat(form.keyPresence()).isEqualTo("present (GEMINI_API_KEY)").doesNotContain("secret");
    }

    @Test
    void aKeyReadFromTheDataDirsDotEnv_isReportedWithItsFile_asTheEngineReadsIt() throws Exception {
        Files.writeString(dir.resolve(".env"), "OPENAI_API_KEY=sk-secret\n");
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), s -> { });

        assertThat(form.keyPresence()).isEqualTo("present (OPENAI_API_KEY, read from " + dir.resolve(".env") + ")")
                .doesNotContain("sk-secret");
    }

    @Test
    void thePrometheusUrl_isSavedForTheNextStart_andABadOneIsRefused() {
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), s -> { });
        form.prometheusProperty().set("prometheus:9090");
        assertThat(form.save()).isFalse();
        assertThat(form.errorProperty().get()).startsWith("Prometheus URL must be http(s)://host:port");

        form.prometheusProperty().set(" http://127.0.0.1:9090 ");
        assertThat(form.save()).isTrue();
        assertThat(new SettingsStore(dir).load().prometheusUrl()).isEqualTo("http://127.0.0.1:9090");
    }

    @Test
    void theDatabase_isSavedForTheNextStart_andOneNotPostgresIsRefusedWithItsShape() {
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), s -> { });
        form.databaseProperty().set("mysql://me:pw@db/opsdeck");
        assertThat(form.save()).isFalse();
        assertThat(form.errorProperty().get()).contains("postgresql://USER:PASS@HOST:PORT/DB");

        form.databaseProperty().set(" postgresql://opsdeck:pw@db.internal:5432/opsdeck ");
        assertThat(form.save()).isTrue();
        assertThat(new SettingsStore(dir).load().databaseUrl())
                .isEqualTo("postgresql://opsdeck:pw@db.internal:5432/opsdeck");
        form.databaseProperty().set("");
        assertThat(form.save()).as("empty: back to the SQLite file").isTrue();
    }

    @Test
    void theServerToJoin_isSavedWithItsToken_andABadAddressIsRefusedInOneLineNamingTheShape() {
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), s -> { });
        for (String bad : List.of("http://127.0.0.1:8000/ws", "127.0.0.1:8000", "ws://", "ws://host:8000/ws x")) {
            form.serverProperty().set(bad);
            assertThat(form.save()).as(bad).isFalse();
            assertThat(form.errorProperty().get()).as(bad)
                    .isEqualTo("Server to join must be ws://HOST:PORT/ws (or wss://), like ws://127.0.0.1:8000/ws, "
                            + "not '" + bad.trim() + "' (or empty for an engine here)")
                    .doesNotContain("\n");
        }
        assertThat(dir.resolve("console.properties")).doesNotExist();

        form.serverProperty().set(" ws://ops-a.internal:8000/ws ");
        form.serverTokenProperty().set("tok-51c2");
        assertThat(form.save()).isTrue();
        Settings saved = new SettingsStore(dir).load();
        assertThat(saved.serverUrl()).isEqualTo("ws://ops-a.internal:8000/ws");
        assertThat(saved.serverToken()).isEqualTo("tok-51c2");
        assertThat(form.diagnostics()).contains("server=ws://ops-a.internal:8000/ws", "server token=****")
                .doesNotContain("tok-51c2");
    }

    @Test
    void settings_sayWhetherTheConsoleIsJoinedOrRunsItsOwnEngine_andWhatTheNextStartWillDo() {
        SettingsViewModel form = new SettingsViewModel(new SettingsStore(dir), Map.of(), s -> { });
        assertThat(form.runsOnProperty().get())
                .isEqualTo("Now running its own engine, in this console: nobody else sees its incidents.");
        form.serverProperty().set("ws://ops-a:8000/ws");
        assertThat(form.runsOnProperty().get()).contains("own engine")
                .endsWith("From the next start: joins ws://ops-a:8000/ws. (--connect or --own-engine at start overrule it.)");

        form.runningOn(java.net.URI.create("ws://ops-a:8000/ws"));
        assertThat(form.runsOnProperty().get())
                .isEqualTo("Now joined to ws://ops-a:8000/ws: the incidents run on that server, not in this console.");
        form.serverProperty().set("");
        assertThat(form.runsOnProperty().get()).startsWith("Now joined to ws://ops-a:8000/ws")
                .contains("From the next start: an engine of its own.");
    }
}
