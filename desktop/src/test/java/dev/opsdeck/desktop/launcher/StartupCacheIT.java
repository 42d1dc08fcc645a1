package dev.opsdeck.desktop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache as the launcher keeps it, on this machine's real JDK 25 and the real build: made once by a
 * training run, used by later starts, made again when the class path changes, and a cache the JVM refuses said in
 * one line (then made again). Runs after `package` (failsafe): the launcher runs the build's jar.
 */
class StartupCacheIT {

    @TempDir
    Path dir;

    LauncherSandbox box;
    Path cache;

    @BeforeEach
    void sandbox() throws Exception {
        boolean jdk25 = hasJdk25();
        if (System.getenv("OPSDECK_REQUIRE_JDK25") != null) {
            assertThat(jdk25).as("a JDK 25 under /usr/lib/jvm (OPSDECK_REQUIRE_JDK25 is set)").isTrue();
        }
        assumeTrue(jdk25, "no JDK 25 under /usr/lib/jvm: the start-up cache needs one");
        box = new LauncherSandbox(dir).withTheRealBuild();
        cache = dir.resolve("checkout/desktop/target/aot/cli.aot");
    }

    @Test
    void theCacheIsMadeOnce_usedByLaterStarts_andMadeAgainWhenTheClassPathChanges() throws Exception {
        LauncherSandbox.Run first = demo();
        assertThat(first.code()).as(first.stderr()).isZero();
        assertThat(first.stderr()).contains("making the start-up cache for the commands");
        assertThat(cache).exists();
        FileTime made = Files.getLastModifiedTime(cache);

        LauncherSandbox.Run second = demo();
        assertThat(second.code()).as(second.stderr()).isZero();
        assertThat(second.stderr()).doesNotContain("making the start-up cache", "refused");
        assertThat(Files.getLastModifiedTime(cache)).isEqualTo(made);
        assertThat(refusals()).as("the JVM's words about the cache it was given").isEmpty();

        Path jar = dir.resolve("checkout/desktop/target/desktop-0.1.0-SNAPSHOT.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        LauncherSandbox.Run afterRebuild = demo();
        assertThat(afterRebuild.code()).as(afterRebuild.stderr()).isZero();
        assertThat(afterRebuild.stderr()).contains("making the start-up cache for the commands");
        assertThat(Files.getLastModifiedTime(cache)).isNotEqualTo(made);
    }

    @Test
    void aCacheTheJvmRefuses_isSaidInOneLine_theRunGoesOn_andTheNextStartMakesItAgain() throws Exception {
        assertThat(demo().code()).isZero();
        // Damage the cache's header but keep its size and time, so the launcher's key still fits and only the JVM
        // can tell.
        FileTime time = Files.getLastModifiedTime(cache);
        try (RandomAccessFile file = new RandomAccessFile(cache.toFile(), "rw")) {
            file.write(new byte[16]);
        }
        Files.setLastModifiedTime(cache, time);

        LauncherSandbox.Run refused = demo();
        assertThat(refused.code()).as(refused.stderr()).isZero();
        assertThat(refused.stderrLines()).filteredOn(l -> l.startsWith("opsdeck:")).singleElement().asString()
                .startsWith("opsdeck: the JVM refused the start-up cache (")
                .endsWith("starting without it, it is made again at the next start");
        assertThat(refused.stderr()).doesNotContain("[error", "[warning");

        LauncherSandbox.Run next = demo();
        assertThat(next.code()).as(next.stderr()).isZero();
        assertThat(next.stderr()).contains("making the start-up cache for the commands").doesNotContain("refused");
        assertThat(refusals()).isEmpty();
    }

    /**
     * One demo, in a data dir of its own: with the cache the next start comes within the debounce window of the last
     * inject, and a shared data dir would refuse it as a repeat (exit 1), which is not what this test is about.
     */
    private LauncherSandbox.Run demo() throws Exception {
        return box.run("demo", "--incident", "web_5xx", "--decision", "approve", "--data-dir",
                dir.resolve("data-" + (++demos)).toString());
    }

    private int demos;

    /** What the JVM said of the cache at the last start that used one (the application removes an empty file). */
    private String refusals() throws IOException {
        Path file = dir.resolve("checkout/desktop/target/aot/cli.refused");
        return Files.exists(file) ? Files.readString(file).strip() : "";
    }

    private static boolean hasJdk25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return false;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.map(h -> h.resolve("release")).filter(Files::isRegularFile).anyMatch(release -> {
                try {
                    return Files.readString(release).lines().anyMatch(l -> l.matches("JAVA_VERSION=\"(2[5-9]|[3-9]\\d).*"));
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
