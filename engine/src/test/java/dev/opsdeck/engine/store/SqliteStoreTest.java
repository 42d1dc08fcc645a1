package dev.opsdeck.engine.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store held to the store contract. */
class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    protected Store fresh() {
        return SqliteStore.open(dir);
    }

    @Override
    protected Store reopened() {
        return SqliteStore.open(dir);
    }
}
