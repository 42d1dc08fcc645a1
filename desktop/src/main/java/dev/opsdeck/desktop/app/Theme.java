package dev.opsdeck.desktop.app;

import dev.opsdeck.desktop.settings.Settings;
import java.util.List;
import java.util.Objects;

/** One theme call: the token sheet for the chosen theme, then the console's rules that read the tokens. */
public final class Theme {

    private Theme() {
    }

    public static List<String> stylesheets(Settings.Theme theme) {
        if (theme == Settings.Theme.LIGHT) {
            // Tints in console.css darken towards a dark page; light-extra.css re-tints those for a light one.
            return List.of(url("light.css"), url("console.css"), url("light-extra.css"));
        }
        return List.of(url("dark.css"), url("console.css"));
    }

    private static String url(String name) {
        return Objects.requireNonNull(Theme.class.getResource("/dev/opsdeck/desktop/theme/" + name),
                "missing stylesheet " + name).toExternalForm();
    }
}
