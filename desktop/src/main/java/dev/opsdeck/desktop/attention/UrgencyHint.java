package dev.opsdeck.desktop.attention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The window's urgency hint on X11 (ICCCM {@code WM_HINTS}): what taskbars and window managers show as "wants
 * attention" without raising the window or taking the focus. JavaFX has no call for it, so it is set with
 * {@code xdotool} on this process's windows named after the console (all of them: a minimised window is not
 * "visible" to X). Blocking: the alerts' thread only.
 */
final class UrgencyHint {

    private UrgencyHint() {
    }

    /** @return why it could not be set, or null when it was */
    static String set(boolean urgent) {
        if (NotifySend.program("xdotool") == null) {
            return "xdotool is missing (install xdotool)";
        }
        try {
            String pid = String.valueOf(ProcessHandle.current().pid());
            Process search = new ProcessBuilder("xdotool", "search", "--pid", pid, "--name",
                    AttentionViewModel.APP).redirectErrorStream(true).start();
            List<String> windows = new String(search.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().filter(l -> l.matches("\\d+")).toList();
            search.waitFor(10, TimeUnit.SECONDS);
            if (windows.isEmpty()) {
                return "no window of this process found on the display";
            }
            for (String w : windows) {
                Process p = new ProcessBuilder("xdotool", "set_window", "--urgency", urgent ? "1" : "0", w)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return "xdotool could not set it on window " + w;
                }
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
