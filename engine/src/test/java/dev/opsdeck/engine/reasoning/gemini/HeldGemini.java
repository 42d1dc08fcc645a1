package dev.opsdeck.engine.reasoning.gemini;

import dev.opsdeck.engine.agent.Agent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stub Gemini for tests in other modules (a server in a process of its own reasons through it): it answers as
 * the happy path does, except that the first call of {@code agent} whose transcript names {@code ticketId} is held
 * (the agent is "thinking") until {@link #release()}, so a test can kill its server mid-turn.
 */
public final class HeldGemini implements AutoCloseable {

    private final StubGemini stub;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private HeldGemini(Agent agent, String ticketId) {
        this.stub = StubGemini.start().behave((call, script) -> {
            if (call.agent() == agent && call.texts().contains(ticketId) && held.getCount() > 0) {
                held.countDown();
                try {
                    released.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return StubGemini.Answer.ok(script.answer(call));
        });
    }

    public static HeldGemini holding(Agent agent, String ticketId) {
        return new HeldGemini(agent, ticketId);
    }

    public String baseUrl() {
        return stub.baseUrl();
    }

    /** Whether the held call arrived within {@code wait}. */
    public boolean awaitHeld(Duration wait) throws InterruptedException {
        return held.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many calls {@code agent} made whose transcript names {@code ticketId}. */
    public long callsOf(Agent agent, String ticketId) {
        return stub.callsOf(agent).stream().filter(c -> c.texts().contains(ticketId)).count();
    }

    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        stub.close();
    }
}
