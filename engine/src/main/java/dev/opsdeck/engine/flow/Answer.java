package dev.opsdeck.engine.flow;

/** What became of an operator's answer: taken (the first answer wins), or refused with a reason. */
public record Answer(boolean accepted, String reason) {

    public static Answer taken() {
        return new Answer(true, "");
    }

    public static Answer refused(String reason) {
        return new Answer(false, reason);
    }
}
