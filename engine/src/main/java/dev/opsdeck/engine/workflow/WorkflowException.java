package dev.opsdeck.engine.workflow;

/** A post that the workflow cannot route; the post is refused and the state is unchanged. */
public final class WorkflowException extends RuntimeException {
    public WorkflowException(String message) {
        super(message);
    }
}
