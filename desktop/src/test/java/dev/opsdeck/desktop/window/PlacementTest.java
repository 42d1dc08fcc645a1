package dev.opsdeck.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 27, 1440, 873);
    private static final Rectangle2D SIDE = new Rectangle2D(1440, 0, 1920, 1080);

    @Test
    void aFirstStart_isMaximized_andRestoresToNineTenthsOfThePrimaryScreenCentred() {
        Placement first = Placement.initial(Optional.empty(), List.of(LAPTOP));
        assertThat(first.maximized()).as("the window manager fits it to the work area").isTrue();
        assertThat(first.width()).isEqualTo(1296);
        assertThat(first.x()).isEqualTo(72);
        assertThat(first.y() + first.height() / 2).as("centred").isEqualTo(27 + 873 / 2.0);
    }

    @Test
    void theLastPlace_isKept_whenItIsStillOnAScreen_andShrunkToFitIt() {
        Placement onSide = new Placement(1500, 40, 1800, 2000, false);
        assertThat(Placement.initial(Optional.of(onSide), List.of(LAPTOP, SIDE)))
                .isEqualTo(new Placement(1500, 40, 1800, 1040, false));
    }

    @Test
    void aPlaceOnAScreenThatIsGone_opensOnThePrimaryInstead() {
        Placement onSide = new Placement(1500, 40, 1800, 1000, true);
        assertThat(Placement.initial(Optional.of(onSide), List.of(LAPTOP)))
                .isEqualTo(Placement.initial(Optional.empty(), List.of(LAPTOP)));
    }

    @Test
    void theStore_keepsWhatItWasGiven(@TempDir Path dir) {
        PlacementStore store = new PlacementStore(dir);
        assertThat(store.load()).isEmpty();
        store.save(new Placement(10, 20, 1300, 700, true));
        assertThat(new PlacementStore(dir).load()).contains(new Placement(10, 20, 1300, 700, true));
    }
}
