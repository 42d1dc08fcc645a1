package dev.opsdeck.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsdeck.engine.flow.Texts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fail-safe reading of an operator's words: only a clear, unnegated approval approves. */
class OutcomeTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "no, hold off|REJECTED",
        "NOT approved|REJECTED",
        "don't do it yet|REJECTED",
        "dont do it|REJECTED",
        "don’t approve|REJECTED",
        "stop|REJECTED",
        "don't reject|REJECTED",
        "approved, but we can't lose the primary|REJECTED",
        "reject|REJECTED",
        "wait for the DBA|DEFERRED",
        "defer|DEFERRED",
        "hold|DEFERRED",
        "later, after the freeze|DEFERRED",
        "approve once the DBA is here, wait|DEFERRED",
        "approve|APPROVED",
        "APPROVED|APPROVED",
        "yes|APPROVED",
        "go ahead|APPROVED",
        "lgtm, proceed|APPROVED",
        "APPROVED via smoke client: proceed with the disruptive step.|APPROVED",
    })
    void wordsAreReadFailingSafe(String words, Outcome expected) {
        assertThat(Outcome.read(words)).contains(expected);
    }

    @org.junit.jupiter.api.Test
    void apostrophesAroundAWord_doNotHideIt() {
        assertThat(Outcome.read("'approve'")).contains(Outcome.APPROVED);
        assertThat(Outcome.read("''yes'', 'not' now")).contains(Outcome.REJECTED);
        assertThat(Outcome.read("'hold' it")).contains(Outcome.DEFERRED);
        assertThat(Outcome.read("'''")).isEmpty();
        assertThat(Outcome.read("'ok'")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" is unclear")
    @ValueSource(strings = {"ok", "sure", "hmm", "go", "do it", "👍", "whatever you think"})
    void wordsThatSayNeitherYesWaitNorNo_areUnclear(String words) {
        assertThat(Outcome.read(words)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyAnswer_declines(String words) {
        assertThat(Outcome.read(words)).contains(Outcome.DECLINED);
        assertThat(Outcome.read(null)).contains(Outcome.DECLINED);
    }

    @org.junit.jupiter.api.Test
    void theReactAppsThreeTexts_mapAsBefore() {
        assertThat(Outcome.read(Texts.APPROVE)).contains(Outcome.APPROVED);
        assertThat(Outcome.read(Texts.DEFER)).contains(Outcome.DEFERRED);
        assertThat(Outcome.read(Texts.REJECT)).contains(Outcome.REJECTED);
    }

    @org.junit.jupiter.api.Test
    void anOperatorsPost_isReadByItsHeader_andAnUnheadedUnclearOneNeverApproves() {
        assertThat(Outcome.ofPost(Texts.operatorPost(Outcome.REJECTED, "no, hold off", 300)))
                .isEqualTo(Outcome.REJECTED);
        assertThat(Outcome.ofPost(Texts.operatorPost(Outcome.DEFERRED, "wait for the DBA", 300)))
                .isEqualTo(Outcome.DEFERRED);
        assertThat(Outcome.ofPost(Texts.operatorPost(Outcome.APPROVED, "yes, proceed", 300)))
                .isEqualTo(Outcome.APPROVED);
        assertThat(Outcome.ofPost(Texts.decision(Outcome.APPROVED, "no, hold off"))).as("the verdict, not the note")
                .isEqualTo(Outcome.APPROVED);
        assertThat(Outcome.ofPost(Texts.operatorPost(Outcome.EXPIRED, null, 300))).isEqualTo(Outcome.EXPIRED);
        assertThat(Outcome.ofPost(Texts.operatorPost(Outcome.DECLINED, "", 300))).isEqualTo(Outcome.DECLINED);
        assertThat(Outcome.ofPost("sure thing")).isEqualTo(Outcome.REJECTED);
    }
}
