package dev.opsdeck.desktop.tickets;

import dev.opsdeck.engine.ticket.Remarks;
import dev.opsdeck.engine.ticket.Ticket;
import java.io.File;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebView;
import javafx.stage.FileChooser;

/** The selected ticket: summary (RCA, recommendations, resolution, history), evidence feed, and the report. */
public final class TicketDetailView {

    private final TicketDetailViewModel model;

    /** Where the last report was saved, this session: the next export starts there. */
    private static File lastExportFolder;

    /** The last folder a report went to, else Downloads, else home: not the directory the console was started in. */
    private static File exportFolder() {
        if (lastExportFolder != null && lastExportFolder.isDirectory()) {
            return lastExportFolder;
        }
        File home = new File(System.getProperty("user.home"));
        File downloads = new File(home, "Downloads");
        return downloads.isDirectory() ? downloads : home;
    }

    public TicketDetailView(TicketDetailViewModel model) {
        this.model = model;
    }

    public Node createView() {
        Label status = new Label();
        status.setId("detail-status");
        Label title = new Label("Select a ticket to see its detail");
        title.setId("detail-title");
        title.getStyleClass().add("detail-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        status.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copyRca = new Button("Copy RCA (Markdown)");
        copyRca.setId("copy-rca");
        copyRca.disableProperty().bind(model.ticketProperty().isNull());
        // Said beside the button for two seconds, in room that is always kept: nothing moves when it shows.
        Label copied = new Label("Copied");
        copied.setId("copy-rca-done");
        copied.getStyleClass().addAll("muted", "small");
        copied.setMinWidth(Region.USE_PREF_SIZE);
        copied.setVisible(false);
        javafx.animation.PauseTransition fade = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
        fade.setOnFinished(e -> copied.setVisible(false));
        copyRca.setOnAction(e -> {
            Copying.put(model.markdown());
            copied.setVisible(true);
            fade.playFromStart();
        });
        copyRca.setMinWidth(Region.USE_PREF_SIZE);
        Label acked = new Label();
        acked.setId("detail-acked");
        acked.getStyleClass().addAll("muted", "small");
        acked.textProperty().bind(model.ackedProperty());
        acked.setMinWidth(Region.USE_PREF_SIZE);
        Button ack = new Button("Acknowledge");
        ack.setId("ack-ticket");
        ack.setTooltip(new javafx.scene.control.Tooltip("Take this ticket: everyone sees you are on it (Ctrl+K)"));
        ack.disableProperty().bind(model.canAcknowledgeProperty().not());
        ack.setOnAction(e -> model.acknowledge());
        ack.setMinWidth(Region.USE_PREF_SIZE);
        // The title has a row of its own: beside the button, a narrow pane squeezed it to a few letters a line.
        HBox actions = new HBox(8, status, acked, spacer, ack, copied, copyRca);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox head = new VBox(4, title, actions);

        VBox summary = new VBox(8);
        summary.setId("detail-summary");
        ScrollPane summaryScroll = new ScrollPane(summary);
        summaryScroll.setFitToWidth(true);

        ListView<String> evidence = new ListView<>(model.evidence());
        evidence.setId("detail-evidence");
        evidence.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setWrapText(true);
                // As wide as the list, so a long line wraps instead of being cut at the list's edge.
                setPrefWidth(0);
                getStyleClass().setAll("list-cell", "evidence-line", "mono");
            }
        });
        evidence.setPlaceholder(new Label("No envelopes yet."));
        evidence.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        Copying.onCopy(evidence, () -> String.join("\n", evidence.getSelectionModel().getSelectedItems()));

        Tab reportTab = new Tab("Report");
        Tab summaryTab = new Tab("Summary", summaryScroll);
        Tab evidenceTab = new Tab("Evidence", evidence);
        TabPane tabs = new TabPane(summaryTab, evidenceTab, reportTab);
        tabs.setId("detail-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        // The browser engine takes most of a second to start: it starts the first time the report is opened, not
        // with the window.
        reportTab.selectedProperty().addListener((o, was, now) -> {
            if (now && reportTab.getContent() == null) {
                reportTab.setContent(reportPane(reportTab));
            }
        });

        model.ticketProperty().addListener((o, was, t) -> {
            title.setText(t == null ? "Select a ticket to see its detail" : t.id() + "  " + t.issue() + " · " + t.system());
            status.setText(t == null ? "" : TicketRow.statusLabel(t));
            status.getStyleClass().setAll("label", t == null ? "muted" : "status-" + t.status().label().replace(' ', '-'));
            summary.getChildren().setAll(t == null ? java.util.List.of() : summaryOf(t));
        });

        VBox box = new VBox(8, head, tabs, commentRow());
        box.getStyleClass().add("pane");
        box.setId("ticket-detail");
        return box;
    }

    /**
     * A comment in plain text: at most what the engine keeps ({@link Remarks#MAX} characters), sent with Enter. What
     * went wrong (refused, not connected) is said under it.
     */
    private Node commentRow() {
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.setId("comment-field");
        field.setPromptText("Add comment (plain text, Enter to send)");
        field.setTextFormatter(new javafx.scene.control.TextFormatter<String>(c ->
                c.getControlNewText().length() <= Remarks.MAX ? c : null));
        field.textProperty().bindBidirectional(model.draftProperty());
        field.disableProperty().bind(model.ticketProperty().isNull());
        field.setOnAction(e -> model.sendComment());
        HBox.setHgrow(field, Priority.ALWAYS);
        Button send = new Button("Comment");
        send.setId("send-comment");
        send.disableProperty().bind(model.canCommentProperty().not());
        send.setOnAction(e -> model.sendComment());
        send.setMinWidth(Region.USE_PREF_SIZE);
        Label message = new Label();
        message.setId("detail-message");
        message.getStyleClass().addAll("muted", "small");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        HBox row = new HBox(8, field, send);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, row, message);
    }

    /** The report renders only while its tab shows: a WebView reload per ticket change is not free. */
    private Node reportPane(Tab tab) {
        WebView web = new WebView();
        web.setId("detail-report");
        web.setContextMenuEnabled(false);
        Runnable load = () -> {
            if (tab.isSelected()) {
                web.getEngine().loadContent(model.reportProperty().get());
            }
        };
        model.reportProperty().addListener((o, was, now) -> load.run());
        tab.selectedProperty().addListener((o, was, now) -> load.run());
        load.run();
        // The report follows the console's theme: its body takes the theme's class once loaded, or when it changes.
        Runnable theme = () -> web.getEngine().executeScript(
                "document.body && (document.body.className = '" + (model.lightProperty().get() ? "light" : "") + "')");
        web.getEngine().getLoadWorker().stateProperty().addListener((o, was, now) -> {
            if (now == javafx.concurrent.Worker.State.SUCCEEDED) {
                theme.run();
            }
        });
        model.lightProperty().addListener((o, was, now) -> theme.run());

        Button export = new Button("Export HTML…");
        export.setId("export-report");
        export.disableProperty().bind(model.ticketProperty().isNull());
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export incident report");
            chooser.setInitialFileName(model.ticketProperty().get().id() + "-report.html");
            chooser.setInitialDirectory(exportFolder());
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML", "*.html"));
            File file = chooser.showSaveDialog(web.getScene().getWindow());
            if (file != null) {
                lastExportFolder = file.getParentFile();
                model.export(file.toPath());
            }
        });
        Label message = new Label();
        message.getStyleClass().addAll("muted", "small");
        message.textProperty().bind(model.messageProperty());
        HBox bar = new HBox(8, export, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, bar, web);
        VBox.setVgrow(web, Priority.ALWAYS);
        return box;
    }

    private static java.util.List<Node> summaryOf(Ticket t) {
        java.util.List<Node> nodes = new java.util.ArrayList<>();
        if (t.parent() != null) {
            Label p = new Label("⊃ Duplicate of " + t.parent());
            p.setId("detail-parent");
            p.getStyleClass().add("status-Duplicate");
            nodes.add(p);
        }
        if (t.needsHuman()) {
            Label h = wrap("⚑ " + t.humanPrompt());
            h.getStyleClass().add("human-marker");
            nodes.add(h);
        }
        if (t.alert() != null) {
            nodes.add(section("ALERT · " + t.alert().source().toUpperCase(Locale.ROOT)));
            Label a = wrap(t.alert().line());
            a.getStyleClass().add("mono");
            nodes.add(a);
        }
        Label rcaTitle = section("PROBABLE ROOT CAUSE");
        HBox rcaHead = new HBox(8, rcaTitle);
        if (!t.confidence().isBlank()) {
            Label conf = new Label(t.confidence().toUpperCase(Locale.ROOT) + " CONFIDENCE");
            conf.getStyleClass().addAll("confidence", t.confidence().toLowerCase(Locale.ROOT));
            rcaHead.getChildren().add(conf);
        }
        Node rca = t.rca().isBlank() ? wrap("Awaiting root cause analysis…") : SelectableText.of(t.rca(), "detail-rca");
        VBox rcaBox = new VBox(rca);
        rcaBox.getStyleClass().add("rca-box");
        nodes.add(rcaHead);
        nodes.add(rcaBox);
        if (!t.recommendations().isEmpty()) {
            nodes.add(section("RECOMMENDATIONS"));
            int n = 1;
            for (String r : t.recommendations()) {
                nodes.add(SelectableText.of((n++) + ". " + r, "detail-step-" + (n - 1)));
            }
        }
        if (!t.actions().isEmpty()) {
            nodes.add(section("ACTIONS"));
            java.util.List<String> lines = ActionLines.outcomes(t.actions());
            for (int i = 0; i < lines.size(); i++) {
                nodes.add(SelectableText.of(lines.get(i), "detail-action-" + i));
            }
        }
        nodes.add(section("RESOLUTION"));
        nodes.add(t.resolution().isBlank() ? wrap("—") : SelectableText.of(t.resolution(), "detail-resolution"));
        if (!t.comments().isEmpty()) {
            // Shown as text, never read as markup; the engine already stripped escapes and control characters.
            nodes.add(section("COMMENTS"));
            for (int i = 0; i < t.comments().size(); i++) {
                Ticket.Comment c = t.comments().get(i);
                Label who = new Label(TicketDetailViewModel.hhmm(c.at()) + "  " + c.by());
                who.getStyleClass().addAll("mono", "muted");
                Label text = wrap(c.text());
                text.setId("comment-" + i);
                nodes.add(new VBox(2, who, text));
            }
        }
        nodes.add(section("HISTORY"));
        for (int i = 0; i < t.history().size(); i++) {
            // The timeline stamps each line with its time and who caused it; lines from before it existed have none.
            Ticket.Moment m = i < t.timeline().size() ? t.timeline().get(i) : null;
            Label l = wrap(m == null ? "• " + t.history().get(i)
                    : TIME.format(java.time.Instant.ofEpochMilli(Math.round(m.at() * 1000))) + "  " + m.by() + "  "
                            + t.history().get(i));
            l.getStyleClass().add("mono");
            l.setId("history-" + i);
            nodes.add(l);
        }
        return nodes;
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    private static Label section(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Label wrap(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
