package dev.opsdeck.desktop.attention;

/** The ways the console reaches an operator who is looking elsewhere: the desktop's own, or a test's record. */
public interface Alerts {

    /** A desktop notification. */
    void notify(String title, String body);

    /** A short sound. */
    void sound();

    /** Marks the window as wanting attention (the taskbar entry), without taking the focus. */
    void flagTaskbar();
}
