package dev.opsdeck.bridge.cli;

import dev.opsdeck.bridge.people.UsersFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opsdeck users}: the people a server knows by their tokens ({@code serve --users FILE}). */
@Command(name = UsersCommand.NAME, mixinStandardHelpOptions = true,
        description = "Manage the users file that serve --users reads.",
        subcommands = {UsersCommand.Add.class})
public final class UsersCommand implements Runnable {

    /** The word that names this command (the launcher knows the console from it before any parsing). */
    public static final String NAME = "users";

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    /** {@code opsdeck users add NAME}: prints a new token once and writes only its hash. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user with a new token: the token is printed once, only its SHA-256 is written.")
    public static final class Add implements Callable<Integer> {

        @Parameters(paramLabel = "NAME", description = "The user's name, as every act of theirs records it.")
        String name;

        @Option(names = "--users", paramLabel = "FILE", defaultValue = "${sys:user.home}/.opsdeck/users.yaml",
                description = "The users file (default: ${DEFAULT-VALUE}); made owner-only if new.")
        Path file;

        private final PrintStream out;

        public Add() {
            this(System.out);
        }

        public Add(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            String token = UsersFile.add(file, name);
            out.println("opsdeck: added " + name + " to " + file + "; their token (shown only now, keep it secret):");
            out.println(token);
            out.flush();
            return 0;
        }
    }
}
