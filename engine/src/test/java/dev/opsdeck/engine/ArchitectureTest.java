package dev.opsdeck.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine's layering, checked on every build. */
@AnalyzeClasses(packages = "dev.opsdeck.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Gemini's SDK types stay inside its one adapter; everything else speaks the reasoning port. */
    @ArchTest
    static final ArchRule onlyTheGeminiAdapter_usesTheGeminiSdk = noClasses()
            .that().resideOutsideOfPackage("dev.opsdeck.engine.reasoning.gemini..")
            .should().dependOnClassesThat().resideInAPackage("com.google.genai..")
            .because("the Gemini SDK is an adapter detail behind the Reasoner port");
}
