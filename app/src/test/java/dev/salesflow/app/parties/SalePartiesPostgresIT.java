package dev.salesflow.app.parties;

import dev.salesflow.app.ThrowawayPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sale rules on the postgres profile, a throwaway PostgreSQL 15 cluster with a new database per
 * test: sales take FOR SHARE row locks there, so concurrent sales of one product do not queue.
 */
class SalePartiesPostgresIT extends SalePartiesScenarios {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path clusterDir;

    static ThrowawayPostgres postgres;

    @TempDir
    Path appDataDir;

    String url;

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = ThrowawayPostgres.start(clusterDir);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void newDatabase() throws Exception {
        url = postgres.createDatabase("parties_" + DATABASES.incrementAndGet());
    }

    @Override
    List<String> databaseArguments() {
        return List.of(
                "--spring.profiles.active=postgres",
                "--SALESFLOW_DB_URL=" + url,
                "--SALESFLOW_DB_USER=" + ThrowawayPostgres.USER,
                "--SALESFLOW_DB_PASSWORD=" + ThrowawayPostgres.PASSWORD,
                "--salesflow.data-dir=" + appDataDir);
    }

    @Override
    int senderThreads() {
        return 8;
    }
}
