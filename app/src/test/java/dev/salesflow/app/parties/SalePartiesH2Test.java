package dev.salesflow.app.parties;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The sale rules on the default event store: an H2 file, one per test. */
class SalePartiesH2Test extends SalePartiesScenarios {

    @TempDir
    Path dataDir;

    @Override
    List<String> databaseArguments() {
        return List.of("--salesflow.data-dir=" + dataDir);
    }

    @Override
    int senderThreads() {
        return 6;
    }
}
