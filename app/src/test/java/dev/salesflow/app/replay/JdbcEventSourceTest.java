package dev.salesflow.app.replay;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The replay's JDBC read path against Axon's JPA engine, on the embedded H2 event store. */
class JdbcEventSourceTest {

    @TempDir
    Path dataDir;

    @Test
    void plainJdbcReadsGiveTheEventsAxonsJpaEngineGivesIncludingUpcastOnesAndGaps() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReadPathComparison.Context.class)
                .run(
                        "--salesflow.data-dir=" + dataDir,
                        "--spring.main.web-application-type=none",
                        "--spring.cloud.gcp.pubsub.enabled=false")) {
            ReadPathComparison.fillAndCompare(context);
        }
    }
}
