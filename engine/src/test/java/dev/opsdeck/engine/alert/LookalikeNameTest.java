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
    void invisibleCharacters_areRefused_whereverTheyAre() {
        assertThat(LookalikeName.why("web-edge\u200B-01")).contains(
                "holds an invisible character (U+200B at 9) and would show as another name");
        assertThat(LookalikeName.why("\u202Eweb-edge-01")).hasValueSatisfying(w -> assertThat(w).contains("U+202E at 1"));
        assertThat(LookalikeName.why("web\u00A0edge")).hasValueSatisfying(w -> assertThat(w).contains("U+00A0"));
        assertThat(LookalikeName.why("web-edge-01\u3164")).hasValueSatisfying(w -> assertThat(w).contains("U+3164"));
        assertThat(LookalikeName.why("web\tedge")).hasValueSatisfying(w -> assertThat(w).contains("U+0009"));
    }
}
