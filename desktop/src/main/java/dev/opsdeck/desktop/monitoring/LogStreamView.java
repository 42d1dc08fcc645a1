package dev.opsdeck.desktop.monitoring;

import dev.opsdeck.desktop.fx.RowsFromTheStart;
import dev.opsdeck.desktop.look.Looks;
import dev.opsdeck.engine.event.Level;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
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
    private final javafx.beans.property.BooleanProperty errorsOnly;

    LogStreamView(ObservableList<LogEntry> lines, javafx.beans.property.BooleanProperty errorsOnly) {
        this.lines = lines;
        this.errorsOnly = errorsOnly;
    }

    Node createView() {
        ListView<LogEntry> list = new FollowingList(lines);
        list.setId("log-stream");
        list.getStyleClass().add("log-list");
        list.setCellFactory(v -> new LogCell());
        list.setFocusTraversable(false);
        // Every line is one row high: a fixed size spares the list measuring cells on each change.
        list.setFixedCellSize(19);
        RowsFromTheStart.list(list);

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
        ToggleButton errors = new ToggleButton("errors");
        errors.setId("log-errors-only");
        errors.getStyleClass().add("small");
        errors.selectedProperty().bindBidirectional(errorsOnly);
        HBox head = new HBox(8, title, hits, spacer, errors, follow);
        head.setAlignment(Pos.CENTER_LEFT);
        // The title and the two switches keep their words; the count of incident lines gives way first.
        for (javafx.scene.control.Control c : java.util.List.of(title, errors, follow)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }

        lines.addListener((ListChangeListener<LogEntry>) c -> {
            long n = lines.stream().filter(LogEntry::hit).count();
            hits.setText(n == 0 ? "" : n + " incident lines");
            if (follow.isSelected()) {
                ((FollowingList) list).followNextLayout();
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

    /**
     * Scrolls to the newest line at most once per layout pass: scrolling on every change lays the cells out again
     * each time, which a burst of log lines turns into most of a frame.
     */
    private static final class FollowingList extends ListView<LogEntry> {
        private boolean follow;

        FollowingList(ObservableList<LogEntry> lines) {
            super(lines);
        }

        void followNextLayout() {
            follow = true;
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            if (follow && !getItems().isEmpty()) {
                follow = false;
                scrollTo(getItems().size() - 1);
            }
            super.layoutChildren();
        }
    }

    /**
     * One log line; its nodes are made once per cell and only updated as the list scrolls and grows. The level's
     * colour and the incident mark are pseudo-classes (see {@link Looks}): while the log follows a burst every cell
     * shows another line at each publish.
     */
    private static final class LogCell extends ListCell<LogEntry> {
        private static final PseudoClass HIT = PseudoClass.getPseudoClass("hit");
        private final Text time = text("log-time");
        private final Text level = text("log-level");
        private final Text service = text("log-service");
        private final Text msg = text("log-msg");
        private final Label tag = new Label();
        // The tag first: a long message would push it out of the cell.
        private final HBox row = new HBox(6, tag, new TextFlow(time, level, service, msg));
        private PseudoClass levelLook;
        private PseudoClass msgLook;

        LogCell() {
            tag.getStyleClass().add("log-tag");
            tag.managedProperty().bind(tag.visibleProperty());
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().addAll("log-line", "mono");
            // Shown from the start, hidden while empty: taking the graphic out and putting it back restyles it
            // from scratch, and the list makes its cells with the window (see RowsFromTheStart).
            row.setVisible(false);
            setGraphic(row);
        }

        @Override
        protected void updateItem(LogEntry e, boolean empty) {
            super.updateItem(e, empty);
            if (empty || e == null) {
                pseudoClassStateChanged(HIT, false);
                row.setVisible(false);
                return;
            }
            row.setVisible(true);
            time.setText(TIME.format(Instant.ofEpochMilli(Math.round(e.ts() * 1000))) + "  ");
            level.setText(String.format("%-5s ", e.level().wire().toUpperCase(Locale.ROOT)));
            levelLook = Looks.swap(level, levelLook, Looks.of(e.level().wire()));
            service.setText(e.service() + "  ");
            msg.setText(e.message());
            msgLook = Looks.swap(msg, msgLook, e.level() == Level.ERROR ? Looks.of(e.level().wire()) : null);
            tag.setVisible(e.hit());
            tag.setText(e.hit() ? e.incident() : "");
            pseudoClassStateChanged(HIT, e.hit());
        }

        private static Text text(String style) {
            Text t = new Text();
            t.getStyleClass().addAll(style, "mono");
            return t;
        }
    }
}
