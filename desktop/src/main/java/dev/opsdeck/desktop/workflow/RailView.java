package dev.opsdeck.desktop.workflow;

import dev.opsdeck.engine.workflow.Stage;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Draws a channel from its current {@link Rail}: an open channel as a card with the chevron rail (chips joined by
 * arrows, the band as a stack), a finished one as a single row of mini chips.
 */
final class RailView {

    private RailView() {
    }

    static Node draw(ChannelViewModel c) {
        return c.isClosed() ? row(c) : card(c);
    }

    private static Node card(ChannelViewModel c) {
        Rail rail = c.rail();
        Label state = new Label("● " + rail.state().toUpperCase(Locale.ROOT));
        state.getStyleClass().add("wf-state");
        boolean blocked = c.signOffPending();
        if (blocked) {
            state.getStyleClass().add("blocked");
        }
        HBox head = head(c, state);

        HBox line = new HBox(10);
        line.setAlignment(Pos.TOP_LEFT);
        addChips(line, rail.before());
        line.getChildren().add(arrow());
        line.getChildren().add(band(rail.band(), c.stage()));
        line.getChildren().add(arrow());
        addChips(line, rail.after());

        Label footer = new Label(c.footerProperty().get());
        footer.getStyleClass().addAll("wf-footer", "mono");

        VBox card = new VBox(head, line, footer);
        card.getStyleClass().add("wf-card");
        if (blocked) {
            card.getStyleClass().add("blocked");
        }
        card.setId("card-" + c.ticketId() + "-" + c.stage().wire());
        return card;
    }

    private static Node row(ChannelViewModel c) {
        HBox minis = new HBox(3);
        for (Chip chip : c.rail().chips()) {
            Label m = new Label(chip.abbreviation());
            m.getStyleClass().addAll("mini", "mono", chip.state().styleClass(), agentClass(chip.agent()));
            minis.getChildren().add(m);
        }
        Label summary = new Label(c.summary());
        summary.getStyleClass().addAll("muted", "mono", "small");
        HBox row = head(c, summary);
        row.getChildren().add(3, minis);
        row.getStyleClass().setAll("wf-row", "reason-" + (c.reason() == null ? "closed" : c.reason()));
        row.setId("row-" + c.ticketId() + "-" + c.stage().wire());
        return row;
    }

    private static HBox head(ChannelViewModel c, Node right) {
        Label id = new Label(c.ticketId());
        id.getStyleClass().addAll("wf-id", "mono");
        Label sev = new Label(c.sev().toUpperCase(Locale.ROOT));
        sev.getStyleClass().addAll("sev", "sev-" + c.sev());
        Label issue = new Label(c.issue());
        issue.getStyleClass().add("mono");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, id, sev, issue, spacer, right);
        head.setAlignment(Pos.CENTER_LEFT);
        return head;
    }

    private static void addChips(HBox line, List<Chip> chips) {
        for (int i = 0; i < chips.size(); i++) {
            if (i > 0) {
                line.getChildren().add(arrow());
            }
            line.getChildren().add(chip(chips.get(i), false));
        }
    }

    private static Node band(Band band, Stage stage) {
        Label label = new Label("▼ " + band.label());
        label.getStyleClass().addAll("band-label", "mono");
        VBox box = new VBox(label);
        for (Chip m : band.members()) {
            box.getChildren().add(chip(m, true));
        }
        box.getStyleClass().add("band");
        if (stage == Stage.REMEDIATION) {
            box.getStyleClass().add("rem");
        }
        return box;
    }

    private static Node chip(Chip chip, boolean inBand) {
        String mark = switch (chip.state()) {
            case DONE -> " ✓";
            case BLOCKED -> " ⚑";
            case ACTIVE -> " ●";
            default -> "";
        };
        Label name = new Label(chip.agent() + mark);
        name.setId("chip-" + chip.agent());
        name.getStyleClass().addAll("chip", chip.state().styleClass(), agentClass(chip.agent()));
        Label meta = new Label(chip.meta());
        meta.getStyleClass().addAll("chip-meta", "mono");
        if (inBand) {
            HBox box = new HBox(8, name, meta);
            box.setAlignment(Pos.CENTER_LEFT);
            return box;
        }
        VBox box = new VBox(3, name, meta);
        box.getStyleClass().add("chip-box");
        return box;
    }

    private static String agentClass(String agent) {
        return "agent-" + agent.toLowerCase(Locale.ROOT);
    }

    private static Node arrow() {
        Label a = new Label("→");
        a.getStyleClass().add("arrow");
        a.setMinWidth(Region.USE_PREF_SIZE);
        return a;
    }
}
