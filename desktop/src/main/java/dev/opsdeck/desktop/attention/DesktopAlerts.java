package dev.opsdeck.desktop.attention;

import java.awt.GraphicsEnvironment;
import java.awt.Taskbar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's own ways to reach the operator, each best-effort: a notification through the system tray, or
 * {@code notify-send} where the tray is missing (most Linux desktops); a short tone on the sound card; the taskbar
 * flagged through AWT where the platform supports it, else by asking the window manager to raise an unfocused
 * window (which most show as "demands attention" rather than stealing the focus). What the platform lacks is said
 * once in the log, never thrown at the console. Notifications and sound play on their own thread: a slow sound
 * device must not hold the FX thread.
 */
public final class DesktopAlerts implements Alerts {

    private static final Logger log = LoggerFactory.getLogger(DesktopAlerts.class);

    private final Supplier<Window> window;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "opsdeck-alerts");
        t.setDaemon(true);
        return t;
    });
    private final boolean headless = GraphicsEnvironment.isHeadless();
    private volatile boolean notifyWarned;
    private volatile boolean soundWarned;

    public DesktopAlerts(Supplier<Window> window) {
        this.window = window;
    }

    @Override
    public void notify(String title, String body) {
        worker.execute(() -> {
            try {
                if (!headless && notifySend() != null) {
                    new ProcessBuilder(notifySend().toString(), "--app-name=OpsDeck", "--urgency=critical", title,
                            body).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                } else if (!notifyWarned) {
                    notifyWarned = true;
                    log.info("no desktop notifications here (headless, or notify-send missing): {}", title);
                }
            } catch (java.io.IOException | RuntimeException e) {
                warnOnce("desktop notification", e);
            }
        });
    }

    private static Path notifySend() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "notify-send");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public void sound() {
        worker.execute(() -> {
            AudioFormat format = new AudioFormat(22050, 8, 1, true, false);
            byte[] tone = new byte[22050 / 5];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (byte) (Math.sin(2 * Math.PI * 880 * i / 22050.0) * 90);
            }
            try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
                line.open(format);
                line.start();
                line.write(tone, 0, tone.length);
                line.drain();
            } catch (Exception e) {
                if (!soundWarned) {
                    soundWarned = true;
                    log.info("no sound device for the sign-off tone ({})", e.toString());
                }
            }
        });
    }

    /** On the FX thread: the window is an FX one. */
    @Override
    public void flagTaskbar() {
        Window w = window.get();
        if (headless || !(w instanceof Stage stage) || stage.isFocused()) {
            return;
        }
        try {
            if (Taskbar.isTaskbarSupported() && Taskbar.getTaskbar().isSupported(Taskbar.Feature.USER_ATTENTION)) {
                Taskbar.getTaskbar().requestUserAttention(true, false);
            } else {
                stage.toFront();
            }
        } catch (RuntimeException e) {
            warnOnce("taskbar flag", e);
        }
    }

    private void warnOnce(String what, Exception e) {
        log.warn("{} unavailable: {}", what, e.toString());
    }

    public void close() {
        worker.shutdownNow();
    }
}
