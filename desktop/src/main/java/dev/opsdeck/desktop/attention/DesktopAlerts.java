package dev.opsdeck.desktop.attention;

import java.awt.GraphicsEnvironment;
import java.awt.Taskbar;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's own ways to reach the operator: a freedesktop notification (checked at start: is there a
 * notification server on the session bus? then each send's exit is checked too, and what was found out is told to
 * {@code told}, so the console never claims a notification it cannot show); a short tone on the sound card; the
 * window's urgency hint, which taskbars and window managers show as "wants attention" without raising the window
 * or taking the focus (AWT's taskbar where the platform has one). Notifications, sound and the hint run on their own
 * thread: a slow device or tool must not hold the FX thread.
 */
public final class DesktopAlerts implements Alerts {

    private static final Logger log = LoggerFactory.getLogger(DesktopAlerts.class);
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .contains("linux");

    private final Supplier<Window> window;
    private final Consumer<Delivery> told;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "opsdeck-alerts");
        t.setDaemon(true);
        return t;
    });
    private final boolean headless = GraphicsEnvironment.isHeadless();
    private volatile Delivery delivery = Delivery.checking();
    private volatile boolean soundWarned;
    private volatile boolean hintWarned;
    private volatile boolean hinted;
    private Stage watched;

    /** @param told what is found out about notifications, on the alerts' thread (at start, then when it changes) */
    public DesktopAlerts(Supplier<Window> window, Consumer<Delivery> told) {
        this.window = window;
        this.told = told;
    }

    /** Finds out, off the caller's thread, whether notifications can be shown here; the answer goes to {@code told}. */
    public void probe() {
        worker.execute(() -> update(headless ? Delivery.not("no display (headless)")
                : LINUX ? NotifySend.probe() : Delivery.not("desktop notifications are sent on Linux only")));
    }

    private void update(Delivery now) {
        Delivery was = delivery;
        delivery = now;
        if (!now.equals(was)) {
            if (!now.works()) {
                log.warn("desktop notifications cannot be shown: {}", now.said());
            }
            told.accept(now);
        }
    }

    @Override
    public void notify(String title, String body) {
        worker.execute(() -> {
            if (headless || !LINUX || NotifySend.program("notify-send") == null) {
                return; // said by the probe at start
            }
            update(NotifySend.send(title, body, delivery));
        });
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

    /** On the FX thread: the window is an FX one. Never raises the window: the operator decides when to look. */
    @Override
    public void flagTaskbar() {
        Window w = window.get();
        if (headless || !(w instanceof Stage stage) || stage.isFocused()) {
            return;
        }
        if (watched != stage) {
            watched = stage;
            stage.focusedProperty().addListener((o, was, now) -> {
                if (now && hinted) {
                    worker.execute(() -> hinted = UrgencyHint.set(false) != null && hinted);
                }
            });
        }
        if (LINUX) {
            worker.execute(() -> {
                String failed = UrgencyHint.set(true);
                hinted = failed == null;
                if (failed != null && !hintWarned) {
                    hintWarned = true;
                    log.warn("the window's urgency hint cannot be set: {}", failed);
                }
            });
            return;
        }
        try {
            if (Taskbar.isTaskbarSupported() && Taskbar.getTaskbar().isSupported(Taskbar.Feature.USER_ATTENTION)) {
                Taskbar.getTaskbar().requestUserAttention(true, false);
            } else if (!hintWarned) {
                hintWarned = true;
                log.warn("this platform offers no taskbar flag to the console");
            }
        } catch (RuntimeException e) {
            log.warn("taskbar flag unavailable: {}", e.toString());
        }
    }

    public void close() {
        worker.shutdownNow();
    }
}
