package dev.opsdeck.desktop.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A copy of the real {@code ./opsdeck} script in a folder of its own, with a build already in place and a PATH
 * holding only the shell tools it needs, so each test decides which JDKs the machine has. A fake JDK's {@code java}
 * writes the command line it was given to {@code java.log} instead of running anything.
 */
final class LauncherSandbox {

    private static final List<String> TOOLS = List.of("bash", "env", "dirname", "readlink", "sed", "head", "awk",
            "ls", "grep", "cat", "find", "touch", "mkdir", "rm", "stat", "sha256sum", "cut", "tr", "sort", "mv", "cp", "mktemp", "chmod");

    final Path root;
    final Path bin;
    final Path jvms;
    final Path javaLog;
    private final Map<String, String> env = new HashMap<>();

    LauncherSandbox(Path root) throws IOException {
        this.root = root;
        this.bin = Files.createDirectories(root.resolve("bin"));
        this.jvms = Files.createDirectories(root.resolve("jvm"));
        this.javaLog = root.resolve("java.log");
        Path checkout = Files.createDirectories(root.resolve("checkout"));
        Path repo = repoRoot();
        Files.copy(repo.resolve("opsdeck"), checkout.resolve("opsdeck"), StandardCopyOption.COPY_ATTRIBUTES);
        Path desktop = Files.createDirectories(checkout.resolve("desktop"));
        for (String opts : List.of("console.jvmopts", "serve.jvmopts", "aot.sh")) {
            Files.copy(repo.resolve("desktop").resolve(opts), desktop.resolve(opts));
        }
        Path target = Files.createDirectories(desktop.resolve("target"));
        Files.writeString(target.resolve("desktop-0.1.0-SNAPSHOT.jar"), "");
        Files.writeString(target.resolve("classpath.txt"), "/lib/a.jar:/lib/b.jar");
        Files.writeString(target.resolve(".opsdeck-built"), "");
        for (String tool : TOOLS) {
            Files.copy(which(tool), bin.resolve(tool), StandardCopyOption.COPY_ATTRIBUTES);
        }
        env.put("PATH", bin.toString());
        env.put("HOME", root.toString());
        env.put("OPSDECK_JDK_DIRS", jvms.toString());
        env.put("OPSDECK_TEST_LOG", javaLog.toString());
    }

    /**
     * Puts the real build in place of the fake one (this module's jar and class path, as `package` left them) and
     * lets the script look for JDKs where this machine has them.
     */
    LauncherSandbox withTheRealBuild() throws IOException {
        Path built = repoRoot().resolve("desktop/target");
        Path target = root.resolve("checkout/desktop/target");
        try (var jars = Files.list(built)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("desktop-.*(?<!-tests)\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no desktop jar in " + built + ": run after package"));
            Files.copy(jar, target.resolve("desktop-0.1.0-SNAPSHOT.jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(built.resolve("classpath.txt"), target.resolve("classpath.txt"), StandardCopyOption.REPLACE_EXISTING);
        Path natives = built.resolve("native");
        try (var files = Files.walk(natives)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve("native").resolve(natives.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        env.put("OPSDECK_JDK_DIRS", "/usr/lib/jvm");
        return this;
    }

    /** A fake JDK under the install folder; {@code withRelease} false makes the script ask {@code java -version}. */
    Path jdk(String name, String version, boolean withRelease) throws IOException {
        return jdkAt(jvms.resolve(name), version, withRelease);
    }

    Path jdkAt(Path home, String version, boolean withRelease) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/bash\n"
                + "if [ \"$1\" = -version ]; then echo 'openjdk version \"" + version + "\" 2026-01-01' >&2; exit 0; fi\n"
                + "echo \"$0 $*\" >> \"$OPSDECK_TEST_LOG\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (withRelease) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }

    /** Puts {@code java} of this JDK on the PATH, as a distribution's alternatives link does. */
    void onPath(Path jdkHome) throws IOException {
        Files.createSymbolicLink(bin.resolve("java"), jdkHome.resolve("bin/java"));
    }

    LauncherSandbox env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("checkout/opsdeck").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(root.resolve("stdout").toFile()).redirectError(root.resolve("stderr").toFile());
        Process process = pb.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not end within 300 s");
        }
        String javaLine = Files.exists(javaLog) ? Files.readString(javaLog).strip() : "";
        Files.deleteIfExists(javaLog);
        return new Run(process.exitValue(), Files.readString(root.resolve("stderr")), javaLine);
    }

    /** What one start did: the exit code, the launcher's own lines, and the java command it ran (empty: none). */
    record Run(int code, String stderr, String javaCommand) {
        List<String> stderrLines() {
            return stderr.isBlank() ? List.of() : List.of(stderr.strip().split("\n"));
        }
    }

    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("opsdeck"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no opsdeck script above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + tool + " on the PATH");
    }
}
