package dev.opsdeck.desktop.ui;

import dev.opsdeck.desktop.bench.ConsoleLoads;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The console benchmark headless (Monocle), in a JVM of the test runner's (the console's options, no start-up
 * cache): prints {@link ConsoleLoads}' JSON line, asserts nothing. {@code mvn -q -pl desktop -am -Pbench verify}.
 * The same loads in a real window started by the launcher, without and with the start-up cache, side by side:
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" ./opsdeck bench console}.
 * Run with a flight recording to see what the FX thread did in the long gaps:
 * {@code -DargLine="@console.jvmopts -XX:StartFlightRecording=filename=bench.jfr,settings=profile"} (the path is the module's).
 *
 * <p>Knobs: {@code -Dbench.realistic=N} (50), {@code -Dbench.think=MS} (200), {@code -Dbench.incidents=N} (1000).
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ConsoleBenchTest {

    private final ConsoleLoads loads = new ConsoleLoads(new ConsoleLoads.Sizes(Integer.getInteger("bench.realistic", 50),
            Long.getLong("bench.think", 200), true, Integer.getInteger("bench.incidents", 1000)));

    @Start
    void start(Stage stage) throws Exception {
        loads.open(stage);
    }

    @AfterEach
    void stop() throws InterruptedException {
        loads.close();
    }

    @Test
    void realisticLoad_thenStressBurst_withAutoApproval() throws Exception {
        System.out.println(loads.run());
    }
}
