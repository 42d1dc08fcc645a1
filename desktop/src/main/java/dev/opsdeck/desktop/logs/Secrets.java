package dev.opsdeck.desktop.logs;

import dev.opsdeck.engine.cli.DotEnv;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The values no log line may carry: model keys, access tokens and passwords, wherever OpsDeck reads them from (the
 * environment and the {@code .env} files it reads keys from, options, the console's saved settings, database URLs).
 */
public final class Secrets {

    /** Variables holding a secret by their name: the model keys, OPSDECK_TOKEN, and any a runbook may read. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(_KEY|TOKEN|SECRET|PASSWORD|PASSWD|_PASS)$");

    private Secrets() {
    }

    /**
     * @param given values from options and settings (a token, a database URL); null entries are skipped
     */
    public static List<String> of(Map<String, String> environment, Path workDir, Path dataDir,
                                  Collection<String> given) {
        List<String> secrets = new ArrayList<>();
        Map<String, String> vars = DotEnv.merged(environment, List.of(workDir.resolve(".env"), dataDir.resolve(".env")));
        vars.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name).matches()) {
                secrets.add(value);
            } else if (name.equals("OPSDECK_DATABASE")) {
                secrets.add(password(value));
            }
        });
        for (String value : given) {
            if (value != null) {
                // A URL's secret is its password; any other value given (a token) is one whole.
                secrets.add(value.contains("://") ? password(value) : value);
            }
        }
        secrets.removeIf(s -> s == null || s.isBlank());
        return secrets;
    }

    /** The password of a {@code scheme://user:password@host/...} URL, else null. */
    static String password(String url) {
        if (url == null || !url.contains("://")) {
            return null;
        }
        try {
            String userInfo = URI.create(url).getRawUserInfo();
            int colon = userInfo == null ? -1 : userInfo.indexOf(':');
            return colon < 0 ? null : userInfo.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
