package dev.opsdeck.engine.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code --database postgresql://USER:PASS@HOST:PORT/DB} read into what the JDBC driver takes. The password never
 * appears in a message.
 */
public record DatabaseUrl(String jdbc, String user, String password) {

    static final String SHAPE = "postgresql://USER:PASS@HOST:PORT/DB";

    public static DatabaseUrl parse(String url) {
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw bad();
        }
        boolean postgres = "postgresql".equals(u.getScheme()) || "postgres".equals(u.getScheme());
        String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
        if (!postgres || u.getHost() == null || db.isBlank()) {
            throw bad();
        }
        String user = "";
        String password = "";
        if (u.getRawUserInfo() != null) {
            String[] parts = u.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        int port = u.getPort() < 0 ? 5432 : u.getPort();
        return new DatabaseUrl("jdbc:postgresql://" + u.getHost() + ":" + port + "/" + db, user, password);
    }

    private static StoreException bad() {
        return new StoreException("--database must look like " + SHAPE + " (the password may be empty)");
    }
}
