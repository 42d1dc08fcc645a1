package dev.opsdeck.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** server-bridge depends on the engine only: never on the desktop, never on JavaFX. */
@AnalyzeClasses(packages = "dev.opsdeck.bridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule bridgeDoesNotKnowTheDesktop = noClasses().that().resideInAPackage("dev.opsdeck.bridge..")
            .should().dependOnClassesThat().resideInAPackage("dev.opsdeck.desktop..");

    @ArchTest
    static final ArchRule bridgeDoesNotKnowJavaFx = noClasses().that().resideInAPackage("dev.opsdeck.bridge..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..");
}
