package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.engine.event.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The live log stream: levels coloured, an incident's error lines marked with its issue, and autoscroll that
 * follows the newest line until the operator scrolls up to read, and resumes when they scroll back down.
 */
final class LogStreamView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ObservableList<LogEntry> lines;

    LogStreamView(ObservableList<LogEntry> lines) {
        this.lines = lines;
    }

    Node createView() {
        ListView<LogEntry> list = new ListView<>(lines);
        list.setId("log-stream");
        list.getStyleClass().add("log-list");
        list.setCellFactory(v -> new LogCell());
        list.setFocusTraversable(false);

        Label title = new Label("LIVE LOG STREAM");
        title.getStyleClass().add("section-title");
        Label hits = new Label();
        hits.getStyleClass().addAll("muted", "small");
        ToggleButton follow = new ToggleButton("⤓ following");
        follow.setId("log-follow");
        follow.setSelected(true);
        follow.getStyleClass().add("small");
        follow.selectedProperty().addListener((o, was, on) -> {
            follow.setText(on ? "⤓ following" : "⏸ paused — click to follow");
            if (on && !lines.isEmpty()) {
                list.scrollTo(lines.size() - 1);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, hits, spacer, follow);
        head.setAlignment(Pos.CENTER_LEFT);

        lines.addListener((ListChangeListener<LogEntry>) c -> {
            long n = lines.stream().filter(LogEntry::hit).count();
            hits.setText(n == 0 ? "" : n + " incident lines");
            if (follow.isSelected() && !lines.isEmpty()) {
                list.scrollTo(lines.size() - 1);
            }
        });
        // The operator scrolling up pauses following; reaching the bottom again resumes it.
        list.skinProperty().addListener((o, was, skin) -> {
            for (Node n : list.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((ob, before, now) -> {
                        if (list.isHover() || bar.isPressed()) {
                            follow.setSelected(now.doubleValue() >= bar.getMax() - 0.001);
                        }
                    });
                }
            }
        });
        list.setOnScroll(e -> {
            if (e.getDeltaY() > 0) {
                follow.setSelected(false);
            }
        });

        VBox box = new VBox(6, head, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        return box;
    }

    private static final class LogCell extends ListCell<LogEntry> {
        @Override
        protected void updateItem(LogEntry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().remove("hit");
            if (empty || e == null) {
                setGraphic(null);
                return;
            }
            Text time = text(TIME.format(Instant.ofEpochMilli(Math.round(e.ts() * 1000))) + "  ", "log-time");
            Text level = text(String.format("%-5s ", e.level().wire().toUpperCase(Locale.ROOT)),
                    "log-" + e.level().wire());
            Text service = text(e.service() + "  ", "log-service");
            Text msg = text(e.message(), e.level() == Level.ERROR ? "log-msg-error" : "log-msg");
            TextFlow flow = new TextFlow(time, level, service, msg);
            HBox row = new HBox(6, flow);
            row.setAlignment(Pos.CENTER_LEFT);
            if (e.hit()) {
                Label tag = new Label(e.incident());
                tag.getStyleClass().add("log-tag");
                row.getChildren().add(tag);
                getStyleClass().add("hit");
            }
            row.getStyleClass().addAll("log-line", "mono");
            setGraphic(row);
        }

        private static Text text(String s, String style) {
            Text t = new Text(s);
            t.getStyleClass().addAll(style, "mono");
            return t;
        }
    }
}
