package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.settings.Settings;
import java.util.List;
import java.util.Objects;

/** One theme call: the token sheet for the chosen theme, then the console's rules that read the tokens. */
public final class Theme {

    private Theme() {
    }

    public static List<String> stylesheets(Settings.Theme theme) {
        String tokens = theme == Settings.Theme.LIGHT ? "light.css" : "dark.css";
        return List.of(url(tokens), url("console.css"));
    }

    private static String url(String name) {
        return Objects.requireNonNull(Theme.class.getResource("/dev/opsdeck/desktop/theme/" + name),
                "missing stylesheet " + name).toExternalForm();
    }
}
