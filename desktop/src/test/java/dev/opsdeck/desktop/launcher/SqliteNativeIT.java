package dev.opsdeck.desktop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher points SQLite's driver at the native library the build unpacked, so that no start copies it out of
 * the driver's jar into the temporary folder (and leaves it there when killed). Runs after `package` (failsafe): a
 * real demo on the real build, the JVM listing every native library it loads.
 */
class SqliteNativeIT {

    @TempDir
    Path dir;

    @Test
    void theDriverLoadsTheUnpackedLibraryAndCopiesNoneIntoTheTemporaryFolder() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path libraries = dir.resolve("libraries.log");
        LauncherSandbox box = new LauncherSandbox(dir).withTheRealBuild().env("OPSDECK_AOT", "off")
                .env("OPSDECK_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp + " -Xlog:library=info:file=" + libraries);

        LauncherSandbox.Run demo = box.run("demo", "--incident", "web_5xx", "--decision", "approve", "--data-dir",
                dir.resolve("data").toString());

        assertThat(demo.code()).as(demo.stderr()).isZero();
        Path unpacked = dir.resolve("checkout/desktop/target/native/org/sqlite/native/Linux");
        assertThat(Files.readAllLines(libraries)).filteredOn(l -> l.contains("Loaded library") && l.contains("sqlite"))
                .singleElement().asString().contains(unpacked.toString());
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("sqlite"));
        }
    }
}
