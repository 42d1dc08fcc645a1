package dev.opsdeck.engine.runbook;

import java.time.Duration;
import java.util.List;

/**
 * One action of a runbook, as its file declares it: the one source of what the rules match, what a sign-off shows
 * and what the runner runs.
 *
 * @param dryRun  what to run first, read-only, for the sign-off to show; null for none
 * @param verify  the PromQL that holds once the fix took; null for none
 * @param source  the file it came from, for messages
 */
public record Action(String id, String title, Risk risk, boolean auto, Match match, List<Param> params, Step run,
        Step dryRun, String verify, Duration within, String source) {

    public Action {
        params = List.copyOf(params);
    }
}
