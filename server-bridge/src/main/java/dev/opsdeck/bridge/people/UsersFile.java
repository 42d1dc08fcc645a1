package dev.opsdeck.bridge.people;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/** Adds a user to a users file: a new random token, of which only the hash is written (owner-only, atomically). */
public final class UsersFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UsersFile() {
    }

    /**
     * @return the new user's token, which exists nowhere else: the caller shows it once
     * @throws IllegalArgumentException with one line: a bad name, a name taken, a file refused
     */
    public static String add(Path file, String name) {
        if (!Users.validName(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a user name: letters, digits, . _ -, starting"
                    + " with a letter, at most 40 (and not \"" + Users.SHARED_TOKEN + "\")");
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        if (Files.exists(file)) {
            Users.load(file); // refuses a file others may write, or one that is not valid, before it is touched
            entries.addAll(raw(file));
            if (entries.stream().anyMatch(e -> name.equals(e.get("name")))) {
                throw new IllegalArgumentException(file + ": there is already a user " + name);
            }
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("token", Users.stored(token));
        entries.add(entry);
        write(file, Map.of("users", entries));
        return token;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> raw(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new LoaderOptions()).load(r);
            return root == null ? List.of() : (List<Map<String, Object>>) ((Map<String, Object>) root).get("users");
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(file + ": cannot read the users file (" + e.getMessage() + ")");
        }
    }

    private static void write(Path file, Map<String, Object> doc) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String text = "# OpsDeck users: names and the SHA-256 of their tokens (./opsdeck users add NAME)\n"
                + new Yaml(options).dump(doc);
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), ".users", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot write the users file (" + e.getMessage() + ")");
        }
    }
}
