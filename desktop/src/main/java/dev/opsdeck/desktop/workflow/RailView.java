package dev.opsdeck.desktop.workflow;

import dev.opsdeck.desktop.look.Looks;
import dev.opsdeck.engine.workflow.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Draws a channel: an open one as a card with the chevron rail (chips joined by arrows, the band as a stack), a
 * finished one as a single row of mini chips. The nodes of a stage's card are built once per list cell and then
 * only updated (texts and pseudo-classes, see {@link Looks}), so a burst of events restyles a few labels instead of
 * building cards.
 */
final class RailView {

    private static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");
    private static final PseudoClass COMPACT = PseudoClass.getPseudoClass("compact");

    private final Stage stage;
    private final Label id = styled(new Label(), "wf-id", "mono");
    private final Label sev = new Label();
    private final Label issue = styled(new Label(), "mono");
    private final Label state = styled(new Label(), "wf-state");
    private final Label bandLabel = styled(new Label(), "band-label", "mono");
    private final Label footer = styled(new Label(), "wf-footer", "mono");
    private final List<ChipNode> chips = new ArrayList<>();
    private VBox card;
    private HBox line;
    private boolean shownOnce;
    private double fullWidth;
    private boolean compact;
    private final Label rowId = styled(new Label(), "wf-id", "mono");
    private final Label rowSev = new Label();
    private final Label rowIssue = styled(new Label(), "mono");
    private final Label summary = styled(new Label(), "muted", "mono", "small");
    private final List<Label> minis = new ArrayList<>();
    private final List<PseudoClass> miniLooks = new ArrayList<>();
    private HBox row;
    private PseudoClass sevLook;
    private PseudoClass rowSevLook;
    private PseudoClass reasonLook;

    private final AgentTips tips;

    RailView(Stage stage, AgentTips tips) {
        this.stage = stage;
        this.tips = tips;
    }

    /** The node this view shows: the finished row, or else the open card, made now if not yet made. */
    Node node(boolean finished) {
        return finished ? row() : card();
    }

    /**
     * The card, built once: a list cell only ever shows cards (open list) or rows (finished list), and building
     * both for every cell doubled the nodes to create and style.
     */
    private VBox card() {
        if (card != null) {
            return card;
        }
        Lineup lineup = Lineup.of(stage);
        HBox line = new HBox(10);
        line.setAlignment(Pos.TOP_LEFT);
        addChips(line, lineup.before(), false);
        line.getChildren().add(arrow());
        VBox band = new VBox(bandLabel);
        band.getStyleClass().add("band");
        if (stage == Stage.REMEDIATION) {
            band.getStyleClass().add("rem");
        }
        for (String a : lineup.band()) {
            ChipNode c = new ChipNode(a, true, tips);
            chips.add(c);
            band.getChildren().add(c.box);
        }
        line.getChildren().addAll(band, arrow());
        addChips(line, lineup.after(), false);
        card = new VBox(head(id, sev, issue, state), line, footer);
        card.getStyleClass().add("wf-card");
        this.line = line;
        card.widthProperty().addListener((o, was, now) -> fit());
        return card;
    }

    /**
     * Narrower than the whole rail (a laptop, the sign-off panel open): the chips go compact (abbreviated, no tool
     * under them) rather than hide the band and RCA behind a scrollbar. The full width is the line's as first shown
     * in full, with a workflow's words in it (the card is made before it has any), so the switch does not flicker
     * as the compact line gets narrower.
     */
    private void fit() {
        if (fullWidth == 0) {
            if (!shownOnce || compact) {
                return;
            }
            fullWidth = line.prefWidth(-1) + card.getInsets().getLeft() + card.getInsets().getRight();
        }
        double width = card.getWidth();
        boolean narrow = width > 0 && width < fullWidth;
        if (narrow != compact) {
            compact = narrow;
            chips.forEach(c -> c.compact(narrow));
            line.setSpacing(narrow ? 5 : 10);
            card.pseudoClassStateChanged(COMPACT, narrow);
        }
    }

    /** The finished row, built on first use (see {@link #card()}): one mini chip per agent of the lineup. */
    private HBox row() {
        if (row != null) {
            return row;
        }
        Lineup lineup = Lineup.of(stage);
        HBox miniBox = new HBox(3);
        // Mini i is always the lineup's agent i: its agent class is set once, its state is a pseudo-class.
        for (List<String> part : List.of(lineup.before(), lineup.band(), lineup.after())) {
            for (String agent : part) {
                Label m = styled(new Label(), "mini", "mono", agentClass(agent));
                m.setMinWidth(Region.USE_PREF_SIZE);
                minis.add(m);
                miniLooks.add(null);
                miniBox.getChildren().add(m);
            }
        }
        row = head(rowId, rowSev, rowIssue, summary);
        row.getStyleClass().add("wf-row");
        row.getChildren().add(3, miniBox);
        return row;
    }

    Stage stage() {
        return stage;
    }

    /** The node showing {@code c} now, brought up to date: its finished row, or else its card. */
    Node show(ChannelViewModel c, boolean asRow) {
        return asRow ? showRow(c) : showCard(c);
    }

    private Node showCard(ChannelViewModel c) {
        VBox card = card();
        Rail rail = c.rail();
        id.setText(c.ticketId());
        sevLook = sevBadge(sev, sevLook, c.sev());
        issue.setText(c.issue());
        boolean blocked = c.signOffPending();
        state.setText("● " + rail.state().toUpperCase(Locale.ROOT));
        // A pseudo-class: it flips at every sign-off asked and answered, and a style-class change would re-match every
        // rule against the whole card.
        state.pseudoClassStateChanged(BLOCKED, blocked);
        card.pseudoClassStateChanged(BLOCKED, blocked);
        bandLabel.setText("▼ " + rail.band().label());
        List<Chip> now = rail.chips();
        for (int i = 0; i < chips.size(); i++) {
            chips.get(i).show(now.get(i));
        }
        footer.setText(c.footerProperty().get());
        if (!shownOnce) {
            shownOnce = true;
            fit();
        }
        // Which channel the card shows, for lookups (tests): user data, not an id, since a card shows another
        // channel each time one finishes during a burst, and a new id restyles the whole card.
        card.setUserData(c.channelId());
        return card;
    }

    private Node showRow(ChannelViewModel c) {
        HBox row = row();
        rowId.setText(c.ticketId());
        rowSevLook = sevBadge(rowSev, rowSevLook, c.sev());
        rowIssue.setText(c.issue());
        summary.setText(c.summary());
        List<Chip> now = c.rail().chips();
        for (int i = 0; i < minis.size(); i++) {
            Chip chip = now.get(i);
            Label m = minis.get(i);
            m.setText(chip.abbreviation());
            miniLooks.set(i, Looks.swap(m, miniLooks.get(i), chip.state().look()));
        }
        // No id here: finished rows shift down at every close, and a new id restyles the whole row.
        reasonLook = Looks.swap(row, reasonLook, Looks.of(c.ending() == null ? "closed" : c.ending()));
        return row;
    }

    private void addChips(HBox line, List<String> agents, boolean inBand) {
        for (int i = 0; i < agents.size(); i++) {
            if (i > 0) {
                line.getChildren().add(arrow());
            }
            ChipNode c = new ChipNode(agents.get(i), inBand, tips);
            chips.add(c);
            line.getChildren().add(c.box);
        }
    }

    /** The ticket and its severity never shrink; the issue and what follows give way first. */
    private static HBox head(Label idLabel, Label sevLabel, Label issueLabel, Node right) {
        idLabel.setMinWidth(Region.USE_PREF_SIZE);
        sevLabel.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, idLabel, sevLabel, issueLabel, spacer, right);
        head.setAlignment(Pos.CENTER_LEFT);
        return head;
    }

    private static PseudoClass sevBadge(Label l, PseudoClass was, String sev) {
        l.setText(sev.toUpperCase(Locale.ROOT));
        if (!l.getStyleClass().contains("sev")) {
            l.getStyleClass().add("sev");
        }
        return Looks.swap(l, was, Looks.of(sev));
    }

    static String agentClass(String agent) {
        return "agent-" + agent.toLowerCase(Locale.ROOT);
    }


    private static Label styled(Label l, String... classes) {
        l.getStyleClass().addAll(classes);
        return l;
    }

    private static Node arrow() {
        Label a = styled(new Label("→"), "arrow");
        a.setMinWidth(Region.USE_PREF_SIZE);
        return a;
    }

    /** One agent's chip and the meta line under (or, in the band, beside) it. */
    private static final class ChipNode {
        final Label name = new Label();
        final Label meta = styled(new Label(), "chip-meta", "mono");
        final Node box;
        private Chip shown;
        private PseudoClass look;
        private boolean compact;

        ChipNode(String agent, boolean inBand, AgentTips tips) {
            name.setId("chip-" + agent);
            // The full name of a compact chip, given when the pointer first comes to it: the sign-off panel opening
            // compacts every card at once, and a tooltip is a popup, costly to make.
            name.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
                if (compact && name.getTooltip() == null) {
                    name.setTooltip(tips.of(agent));
                }
            });
            // A chip is never cut to "…": when the card is narrow it goes compact instead (see card()).
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.getStyleClass().addAll("chip", agentClass(agent));
            if (inBand) {
                HBox h = new HBox(8, name, meta);
                h.setAlignment(Pos.CENTER_LEFT);
                box = h;
            } else {
                VBox v = new VBox(3, name, meta);
                v.getStyleClass().add("chip-box");
                box = v;
            }
        }

        void show(Chip chip) {
            if (chip.equals(shown)) {
                return;
            }
            shown = chip;
            String mark = switch (chip.state()) {
                case DONE -> " ✓";
                case BLOCKED -> " ⚑";
                case ACTIVE -> " ●";
                default -> "";
            };
            name.setText((compact ? chip.abbreviation() : chip.agent()) + mark);
            look = Looks.swap(name, look, chip.state().look());
            meta.setText(chip.meta());
        }

        /** Abbreviated, with its tool line hidden; the full name stays in a tooltip. */
        void compact(boolean on) {
            compact = on;
            meta.setVisible(!on);
            meta.setManaged(!on);
            Chip was = shown;
            shown = null;
            if (was != null) {
                show(was);
            }
        }
    }
}
