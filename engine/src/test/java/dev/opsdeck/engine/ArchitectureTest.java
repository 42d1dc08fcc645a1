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
            .because("the Gemini SDK is an adapter detail behind the ChatModel port");

    /** The same for the OpenAI SDK: only its adapter knows it. */
    @ArchTest
    static final ArchRule onlyTheOpenAiAdapter_usesTheOpenAiSdk = noClasses()
            .that().resideOutsideOfPackage("dev.opsdeck.engine.reasoning.openai..")
            .should().dependOnClassesThat().resideInAPackage("com.openai..")
            .because("the OpenAI SDK is an adapter detail behind the ChatModel port");

    /** The tool loop, the retries and the fallback are vendor-neutral: the chat package knows no vendor. */
    @ArchTest
    static final ArchRule theToolLoop_knowsNoVendor = noClasses()
            .that().resideInAnyPackage("dev.opsdeck.engine.reasoning", "dev.opsdeck.engine.reasoning.chat..",
                    "dev.opsdeck.engine.flow..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.opsdeck.engine.reasoning.gemini..",
                    "dev.opsdeck.engine.reasoning.openai..", "com.google..", "com.openai..", "okhttp3..")
            .because("a new vendor is a small adapter behind the ChatModel port");

    /** The engine is read by the desktop and the bridge, and knows neither. */
    @ArchTest
    static final ArchRule theEngine_knowsNoUiNorSockets = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.java_websocket..",
                    "dev.opsdeck.desktop..", "dev.opsdeck.bridge..")
            .because("the engine is in-process and UI-free; the desktop and the bridge adapt it");

    /**
     * HTTP leaves the engine through its adapters only: Prometheus', the runbook's executor (an action's request),
     * and Gemini's (inside its SDK).
     */
    @ArchTest
    static final ArchRule onlyTheAdapters_speakHttp = noClasses()
            .that().resideOutsideOfPackages("dev.opsdeck.engine.telemetry.prometheus..",
                    "dev.opsdeck.engine.runbook.exec..")
            .should().dependOnClassesThat().resideInAPackage("java.net.http..")
            .because("Prometheus is an adapter behind the Telemetry port, actions run behind the Executor port");

    /** Only the engine's runner reaches the executor: a reasoner proposes, it never runs anything. */
    @ArchTest
    static final ArchRule onlyTheRunner_runsActions = noClasses()
            .that().resideOutsideOfPackages("dev.opsdeck.engine.runbook..", "dev.opsdeck.engine.flow..",
                    "dev.opsdeck.engine")
            .should().dependOnClassesThat().resideInAPackage("dev.opsdeck.engine.runbook.exec..")
            .because("actions are run by the engine (flow/Runner), never by a reasoner or a tool handler");

    /** Routing is a pure function: replay and recovery depend on it. */
    @ArchTest
    static final ArchRule theWorkflowFold_isPure = noClasses()
            .that().resideInAPackage("dev.opsdeck.engine.workflow..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.opsdeck.engine.store..",
                    "dev.opsdeck.engine.event..", "dev.opsdeck.engine.flow..", "java.util.concurrent..", "java.sql..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
            .because("the workflow state must be a pure fold over the journal");
}
