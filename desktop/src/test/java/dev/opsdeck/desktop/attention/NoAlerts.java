package dev.opsdeck.desktop.attention;

/** Alerts that reach nobody: for tests of everything else. */
public final class NoAlerts implements Alerts {

    @Override
    public void notify(String title, String body) {
    }

    @Override
    public void sound() {
    }

    @Override
    public void flagTaskbar() {
    }
}
