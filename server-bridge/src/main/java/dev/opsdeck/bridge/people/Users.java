package dev.opsdeck.bridge.people;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The people a server knows by their tokens ({@code --users FILE}): {@code users: [{name: alice, token:
 * "sha256:<hex>"}]}. Only the tokens' hashes are at rest, so the file names people without letting its reader be
 * them; a request's token is hashed and looked up. The file is refused if its group or others may write it: whoever
 * can write it can make themselves anyone.
 */
public final class Users {

    /** Who a request of the shared {@code --token} is: it names nobody in particular. */
    public static final String SHARED_TOKEN = "token";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,39}");
    private static final String PREFIX = "sha256:";

    /** Hash (hex) → name. */
    private final Map<String, String> byHash;

    private Users(Map<String, String> byHash) {
        this.byHash = Map.copyOf(byHash);
    }

    public static Users none() {
        return new Users(Map.of());
    }

    public boolean isEmpty() {
        return byHash.isEmpty();
    }

    public int size() {
        return byHash.size();
    }

    /** The user a token names, if any; compares every hash in constant time, so timing tells nothing. */
    public Optional<String> nameFor(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = hash(token).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (Map.Entry<String, String> e : byHash.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.US_ASCII))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException with one line saying what is wrong and what to do
     */
    public static Users load(Path file) {
        OwnerOnly.check(file);
        Object root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).load(r);
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException(file + ": cannot read the users file (" + oneLine(e.getMessage()) + ")");
        }
        return new Users(entries(file, root));
    }

    private static Map<String, String> entries(Path file, Object root) {
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("users") instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": expected users: [{name: NAME, token: \"sha256:HEX\"}, ...]");
        }
        Map<String, String> out = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        int i = 0;
        for (Object o : list) {
            i++;
            if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)
                    || !(m.get("token") instanceof String token)) {
                throw new IllegalArgumentException(file + ": user " + i + " needs a name and a token (\"sha256:HEX\")");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(file + ": user " + i + ": '" + name + "' is not a name (letters,"
                        + " digits, . _ -, starting with a letter, at most 40)");
            }
            if (!token.startsWith(PREFIX) || !token.substring(PREFIX.length()).matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(file + ": user " + name + ": the token must be \"sha256:\" and 64 hex"
                        + " digits, never the token itself (./opsdeck users add NAME writes it)");
            }
            if (!names.add(name) || out.putIfAbsent(token.substring(PREFIX.length()), name) != null) {
                throw new IllegalArgumentException(file + ": user " + name + " or its token is given twice");
            }
        }
        return out;
    }

    /** Whether {@code name} may be a user's name. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches() && !SHARED_TOKEN.equals(name);
    }

    /** The form a token is kept in: {@code sha256:} and its hex digest. */
    public static String stored(String token) {
        return PREFIX + hash(token);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
