package dev.opsdeck.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LookalikeNameTest {

    @Test
    void namesInOneScript_withDigitsAndPunctuation_pass() {
        assertThat(LookalikeName.why("web-edge-01")).isEmpty();
        assertThat(LookalikeName.why("db_primary.eu-west-1:5432")).isEmpty();
        assertThat(LookalikeName.why("сервер-01")).isEmpty();
        assertThat(LookalikeName.why("my service")).isEmpty();
        assertThat(LookalikeName.why("::1")).isEmpty();
    }

    @Test
    void lettersOfTwoScripts_areNamedWithTheFirstOddOne() {
        assertThat(LookalikeName.why("web-еdge-01")).contains(
                "mixes scripts (Latin and Cyrillic: 'е' U+0435 at 5) and could pass for another host");
        assertThat(LookalikeName.why("аpi-01")).hasValueSatisfying(w -> assertThat(w).startsWith("mixes scripts (Cyrillic and Latin: 'p'"));
        assertThat(LookalikeName.why("web-οps")).hasValueSatisfying(w -> assertThat(w).contains("Greek"));
    }

    @Test
    void aNameWhoseLettersAreAllOfAnotherScriptButReadAsLatin_isRefused_namingWhatItReadsAsAndTheFirstLetter() {
        assertThat(LookalikeName.why("\u0440\u0430\u0443-01")).contains("reads as the Latin 'pay-01' though every "
                + "letter is Cyrillic ('\u0440' U+0440 at 1 first) and could pass for another host");
        assertThat(LookalikeName.why("\u0461\u0435\u044C-01")).hasValueSatisfying(
                w -> assertThat(w).startsWith("reads as the Latin 'web-01'"));
        assertThat(LookalikeName.why("\u0501\u044C-\u0441\u0430\u0441\u04BB\u0435")).hasValueSatisfying(
                w -> assertThat(w).contains("'db-cache'").contains("U+0501 at 1 first"));
        assertThat(LookalikeName.why("\u039D\u039F\u0394\u0395")).as("Δ reads as no Latin letter").isEmpty();
        assertThat(LookalikeName.why("\u03BF\u03C1\u03C5")).hasValueSatisfying(w -> assertThat(w).contains("Greek"));
    }

    @Test
    void aNameInAnotherScriptWithOneLetterNoLatinReaderWouldTakeForTheirs_passes() {
        assertThat(LookalikeName.why("\u0441\u0435\u0440\u0432\u0435\u0440-01")).as("в").isEmpty();
        assertThat(LookalikeName.why("\u043C\u043E\u0441\u043A\u0432\u0430")).isEmpty();
        assertThat(LookalikeName.why("\u03B4\u03B9\u03BA\u03C4\u03C5\u03BF")).isEmpty();
        assertThat(LookalikeName.why("01-02")).as("no letters at all").isEmpty();
    }

    @Test
    void invisibleCharacters_areRefused_whereverTheyAre() {
        assertThat(LookalikeName.why("web-edge\u200B-01")).contains(
                "holds an invisible character (U+200B at 9) and would show as another name");
        assertThat(LookalikeName.why("\u202Eweb-edge-01")).hasValueSatisfying(w -> assertThat(w).contains("U+202E at 1"));
        assertThat(LookalikeName.why("web\u00A0edge")).hasValueSatisfying(w -> assertThat(w).contains("U+00A0"));
        assertThat(LookalikeName.why("web-edge-01\u3164")).hasValueSatisfying(w -> assertThat(w).contains("U+3164"));
        assertThat(LookalikeName.why("web\tedge")).hasValueSatisfying(w -> assertThat(w).contains("U+0009"));
    }
}
