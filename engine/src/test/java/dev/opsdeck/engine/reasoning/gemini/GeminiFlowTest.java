package dev.opsdeck.engine.reasoning.gemini;

import static dev.opsdeck.engine.reasoning.gemini.StubScript.fc;
import static dev.opsdeck.engine.reasoning.gemini.StubScript.reply;

import dev.opsdeck.engine.reasoning.chat.ChatFlowContract;
import dev.opsdeck.engine.reasoning.chat.ChatReasoner;
import dev.opsdeck.engine.reasoning.chat.ChatSettings;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Answer;
import dev.opsdeck.engine.reasoning.gemini.StubGemini.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Whole incidents reasoned by Gemini through the real SDK, against the local stub server: the chat flow contract. */
class GeminiFlowTest extends ChatFlowContract {

    private StubGemini stub;

    @Override
    protected void startStub() {
        stub = StubGemini.start();
    }

    @Override
    protected void stopStub() {
        stub.close();
    }

    @Override
    protected ChatReasoner reasoner(ChatSettings settings) {
        return GeminiChat.reasoner(settings);
    }

    @Override
    protected ChatSettings defaults() {
        return GeminiChat.defaults("test-key").withBaseUrl(stub.baseUrl());
    }

    @Override
    protected String label() {
        return "gemini";
    }

    @Override
    protected String model() {
        return GeminiChat.DEFAULT_MODEL;
    }

    @Override
    protected String otherModel() {
        return "gemini-2.5-pro";
    }

    @Override
    protected String serverErrorSaid() {
        return "503 UNAVAILABLE";
    }

    @Override
    protected List<Call> calls() {
        return stub.calls();
    }

    @Override
    protected void answer(Predicate<Call> when, Fault fault) {
        stub.behave((call, script) -> when.test(call) ? wire(fault, call, script) : Answer.ok(script.answer(call)));
    }

    private static Answer wire(Fault fault, Call call, StubScript script) {
        if (fault instanceof Fault.ToolCall t) {
            List<Object> keyValues = new ArrayList<>();
            t.args().forEach((k, v) -> {
                keyValues.add(k);
                keyValues.add(v);
            });
            return Answer.ok(reply(null, fc(t.name(), keyValues.toArray())));
        }
        if (fault instanceof Fault.Empty) {
            return Answer.ok(StubGemini.JSON.createObjectNode());
        }
        if (fault instanceof Fault.TextOnly t) {
            return Answer.ok(reply(t.text()));
        }
        if (fault instanceof Fault.RateLimited) {
            return Answer.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 0.05s.");
        }
        if (fault instanceof Fault.ServerError) {
            return Answer.error(503, "UNAVAILABLE", "The model is overloaded.");
        }
        return Answer.ok(script.answer(call)).after(((Fault.Slow) fault).delay());
    }
}
