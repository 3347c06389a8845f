package dev.salesflow.app.replay;

import dev.salesflow.app.ThrowawayPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The replay's JDBC read path against Axon's JPA engine on a real, throwaway PostgreSQL 15 cluster
 * ({@code postgres} profile: the event table's payloads are {@code bytea} there).
 */
class JdbcEventSourcePostgresIT {

    @TempDir
    Path clusterDir;

    @TempDir
    Path dataDir;

    @Test
    void plainJdbcReadsGiveTheEventsAxonsJpaEngineGivesOnPostgres() throws Exception {
        try (ThrowawayPostgres postgres = ThrowawayPostgres.start(clusterDir)) {
            String url = postgres.createDatabase("salesflow");
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReadPathComparison.Context.class)
                    .run(
                            "--spring.profiles.active=postgres",
                            "--SALESFLOW_DB_URL=" + url,
                            "--SALESFLOW_DB_USER=" + ThrowawayPostgres.USER,
                            "--SALESFLOW_DB_PASSWORD=" + ThrowawayPostgres.PASSWORD,
                            "--salesflow.data-dir=" + dataDir,
                            "--spring.main.web-application-type=none",
                            "--spring.cloud.gcp.pubsub.enabled=false")) {
                ReadPathComparison.fillAndCompare(context);
            }
        }
    }
}
