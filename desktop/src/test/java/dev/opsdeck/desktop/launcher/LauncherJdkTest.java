package dev.opsdeck.desktop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code ./opsdeck} picks a JDK, as a user meets it: the command they type, on machines with various JDKs. */
class LauncherJdkTest {

    @TempDir
    Path dir;

    LauncherSandbox box;

    @BeforeEach
    void sandbox() throws Exception {
        box = new LauncherSandbox(dir);
    }

    @Test
    void withAJdk25BesideADefault17_itRunsOnTheNewest25AndSaysNothing() throws Exception {
        Path jdk17 = box.jdk("java-17-openjdk-amd64", "17.0.15", true);
        box.onPath(jdk17);
        box.env("JAVA_HOME", box.jdk("jdk-21", "21.0.5", true).toString());
        box.jdk("temurin-25-jdk-amd64", "25.0.3", true);
        box.jdk("jdk-26", "26.0.1", false);

        LauncherSandbox.Run run = box.run("--version");

        assertThat(run.code()).isZero();
        assertThat(run.stderrLines()).isEmpty();
        assertThat(run.javaCommand()).startsWith(dir.resolve("jvm/jdk-26/bin/java").toString())
                .contains("dev.opsdeck.desktop.Launcher --version");
    }

    @Test
    void withOnlyAJdk17_itRunsAndSaysInOneLineWhatItLacks() throws Exception {
        box.onPath(box.jdk("java-17-openjdk-amd64", "17.0.15", true));

        LauncherSandbox.Run run = box.run("demo", "--decision", "approve");

        assertThat(run.code()).isZero();
        assertThat(run.javaCommand()).startsWith(dir.resolve("jvm/java-17-openjdk-amd64/bin/java").toString())
                .endsWith("dev.opsdeck.desktop.Launcher demo --decision approve")
                .doesNotContain("--enable-native-access", "AOTCache");
        assertThat(run.stderrLines()).singleElement().asString()
                .contains("JDK 17", "no start-up cache", "install a JDK 25");
    }

    @Test
    void withJavaHomeOutsideTheUsualFolders_itIsFound() throws Exception {
        Path home = box.jdkAt(dir.resolve("opt/my-jdk"), "25.0.1", false);
        box.env("JAVA_HOME", home.toString());

        LauncherSandbox.Run run = box.run("--version");

        assertThat(run.code()).isZero();
        assertThat(run.javaCommand()).startsWith(home.resolve("bin/java").toString());
    }

    @Test
    void withOnlyAnOldJdk_itSaysWhichVersionItNeedsAndWhatToInstall() throws Exception {
        box.onPath(box.jdk("java-11-openjdk-amd64", "11.0.24", true));

        LauncherSandbox.Run run = box.run();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.javaCommand()).isEmpty();
        assertThat(run.stderrLines()).singleElement().asString()
                .contains("found only JDK 11", "needs JDK 17 or newer", "install a JDK 25");
    }

    @Test
    void withNoJdkAtAll_itSaysWhatToInstall() throws Exception {
        LauncherSandbox.Run run = box.run("serve");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.javaCommand()).isEmpty();
        assertThat(run.stderrLines()).singleElement().asString()
                .contains("no JDK found", "JAVA_HOME", "install a JDK 25");
    }

    @Test
    void eachEntryPoint_getsItsOwnJvmOptions_andAJdk25TheOptionsThatKeepItsTerminalClean() throws Exception {
        box.jdk("temurin-25-jdk-amd64", "25.0.3", true);
        box.env("OPSDECK_AOT", "off");

        String console = box.run("--pace", "0").javaCommand();
        String serve = box.run("serve", "--port", "0").javaCommand();

        assertThat(console).contains("@" + dir.resolve("checkout/desktop/console.jvmopts"),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp " + dir.resolve("checkout/desktop/target/desktop-0.1.0-SNAPSHOT.jar") + ":/lib/a.jar:/lib/b.jar");
        assertThat(serve).contains("@" + dir.resolve("checkout/desktop/serve.jvmopts"), "--enable-native-access");
    }
}
