package dev.opsdeck.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every colour the console writes text in reads at WCAG AA (4.5:1) on both page colours, in both themes. */
class ThemeContrastTest {

    private static final List<String> TEXT = List.of("-text", "-text-2", "-red", "-amber", "-green", "-blue", "-pink",
            "-yellow", "-teal", "-violet");
    private static final List<String> PAGES = List.of("-bg", "-surface");

    private static Map<String, double[]> tokens(String sheet) throws IOException {
        try (InputStream in = ThemeContrastTest.class.getResourceAsStream("/dev/opsdeck/desktop/theme/" + sheet)) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, double[]> out = new HashMap<>();
            Matcher m = Pattern.compile("(-[a-z0-9-]+):\\s*#([0-9a-fA-F]{6});").matcher(css);
            while (m.find()) {
                int rgb = Integer.parseInt(m.group(2), 16);
                out.put(m.group(1), new double[] {(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255});
            }
            return out;
        }
    }

    private static double luminance(double[] rgb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = rgb[i] / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static double contrast(double[] a, double[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dark.css", "light.css"})
    void everyTextColour_readsAtAA_onEveryPageColour(String sheet) throws IOException {
        Map<String, double[]> t = tokens(sheet);
        for (String text : TEXT) {
            for (String page : PAGES) {
                assertThat(t).containsKeys(text, page);
                assertThat(contrast(t.get(text), t.get(page))).as("%s %s on %s", sheet, text, page)
                        .isGreaterThanOrEqualTo(4.5);
            }
        }
    }
}
