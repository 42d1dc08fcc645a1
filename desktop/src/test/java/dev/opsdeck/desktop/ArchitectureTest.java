package dev.opsdeck.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.opsdeck.desktop.fx.FxHop;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;

/** The layering STYLE.md asks for, enforced. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.opsdeck");

    @Test
    void theEngine_knowsNothingOfTheDesktopOrJavaFx() {
        noClasses().that().resideInAPackage("dev.opsdeck.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.opsdeck.desktop..", "javafx..")
                .check(CLASSES);
    }

    @Test
    void onlyTheFxHop_callsPlatformRunLater() {
        noClasses().that().doNotHaveFullyQualifiedName(FxHop.class.getName())
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .check(CLASSES);
    }

    @Test
    void viewModels_neverKnowANode() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }

    @Test
    void viewModelsAndViews_reachTheEngineOnlyThroughTheConsolePort() {
        noClasses().that().resideInAPackage("dev.opsdeck.desktop..")
                .and().resideOutsideOfPackages("dev.opsdeck.desktop.port..", "dev.opsdeck.desktop.bridge..")
                // Composition roots: they start the engine the console port then wraps.
                .and().resideOutsideOfPackage("dev.opsdeck.desktop.bench..")
                .and().doNotHaveFullyQualifiedName("dev.opsdeck.desktop.Launcher")
                .and().doNotHaveFullyQualifiedName("dev.opsdeck.desktop.app.Console")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.opsdeck.engine.Engine")
                .check(CLASSES);
    }
}
