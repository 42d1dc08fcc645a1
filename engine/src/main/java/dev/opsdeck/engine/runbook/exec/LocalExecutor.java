package dev.opsdeck.engine.runbook.exec;

import dev.opsdeck.engine.runbook.Step;
import java.util.HashMap;
import java.util.Map;

/** Runs steps on this server: processes, HTTP requests and playbooks for real, the bundled world's as simulated. */
public final class LocalExecutor implements Executor {

    private final Secrets secrets;

    public LocalExecutor(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public Result execute(Step step) {
        Secrets.Expanded x = secrets.expand(step);
        if (x.missing() != null) {
            return new Result(null, false, "", 0, "not run: " + x.missing());
        }
        Step s = x.step();
        if (s instanceof Step.Command c) {
            return ProcessRun.run(c.argv(), c.env(), c.timeout(), x);
        }
        if (s instanceof Step.Http h) {
            return HttpRun.run(h, x);
        }
        if (s instanceof Step.Ansible a) {
            // ansible-core refuses to start without a UTF-8 locale and keeps its temporary files under HOME.
            Map<String, String> env = new HashMap<>();
            env.put("LC_ALL", "C.UTF-8");
            env.put("HOME", System.getProperty("user.home"));
            env.put("ANSIBLE_NOCOLOR", "1");
            return ProcessRun.run(a.argv(), env, a.timeout(), x);
        }
        Step.Simulated sim = (Step.Simulated) s;
        return new Result(0, true, "(simulated) " + sim.text(), 0, null);
    }
}
