package dev.salesflow.app.warehouse;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.bigquery.BigQueryQueryEngine;
import dev.salesflow.warehouse.bigquery.BigQueryTableStore;
import dev.salesflow.warehouse.engine.DuckDbQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableStores;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link TableStores} the read-model projections and replays write through, chosen by
 * {@code salesflow.warehouse.kind}. A projection bean asks for {@code TableStores}, opens one store
 * for its processor (or one per replay) and closes it when it stops; it never names an engine.
 */
@Configuration
public class TableStoreConfiguration {

    /** The live projections' stores, closed after their processors have stopped. */
    @Bean(destroyMethod = "close")
    ProjectionTableStores projectionTableStores(TableStores stores) {
        return new ProjectionTableStores(stores);
    }

    @Bean
    @ConditionalOnProperty(name = "salesflow.warehouse.kind", havingValue = "duckdb", matchIfMissing = true)
    TableStores duckDbTableStores(Warehouse warehouse) {
        if (!(warehouse instanceof DuckDbWarehouse duckDb)) {
            throw new IllegalStateException("salesflow.warehouse.kind=duckdb needs the DuckDB warehouse, found "
                    + warehouse.getClass().getName());
        }
        return () -> new DuckDbTableStore(duckDb);
    }

    @Bean
    @ConditionalOnProperty(name = "salesflow.warehouse.kind", havingValue = "bigquery")
    BigQuery bigQuery(WarehouseProperties properties) {
        WarehouseProperties.BigQuery settings = properties.bigquery();
        return bigQueryClient(settings.project(), settings.location(), settings.host());
    }

    /**
     * The BigQuery client of the gcp mode (also the commands' when they work on BigQuery without the
     * application): the application default credentials, unless {@code host} names a stand-in.
     *
     * @param project  blank: the one of the credentials / GOOGLE_CLOUD_PROJECT
     * @param location blank: BigQuery's default
     * @param host     blank: Google's endpoint
     */
    public static BigQuery bigQueryClient(String project, String location, String host) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder();
        if (project != null && !project.isBlank()) {
            options.setProjectId(project);
        }
        if (location != null && !location.isBlank()) {
            options.setLocation(location);
        }
        if (host != null && !host.isBlank()) {
            options.setHost(host).setCredentials(NoCredentials.getInstance());
        }
        // Otherwise the client finds the application default credentials (a service account on GCP).
        BigQuery bigQuery = options.build().getService();
        if (bigQuery.getOptions().getProjectId() == null) {
            throw new IllegalStateException("salesflow.warehouse.kind=bigquery needs a project: set "
                    + "salesflow.warehouse.bigquery.project or GOOGLE_CLOUD_PROJECT");
        }
        return bigQuery;
    }

    /** Where the gold orchestrator builds its models and the dashboard reads them: the local DuckDB file. */
    @Bean
    @ConditionalOnProperty(name = "salesflow.warehouse.kind", havingValue = "duckdb", matchIfMissing = true)
    QueryEngine duckDbQueryEngine(Warehouse warehouse) {
        return new DuckDbQueryEngine(warehouse);
    }

    /** The same on BigQuery: the gold models rendered for BigQuery run there, the dashboard reads them there. */
    @Bean
    @ConditionalOnProperty(name = "salesflow.warehouse.kind", havingValue = "bigquery")
    QueryEngine bigQueryQueryEngine(BigQuery bigQuery, WarehouseProperties properties) {
        String location = properties.bigquery().location().isBlank()
                ? null
                : properties.bigquery().location();
        return new BigQueryQueryEngine(bigQuery, location, "gold");
    }

    @Bean
    @ConditionalOnProperty(name = "salesflow.warehouse.kind", havingValue = "bigquery")
    TableStores bigQueryTableStores(BigQuery bigQuery, WarehouseProperties properties) {
        String location = properties.bigquery().location().isBlank()
                ? null
                : properties.bigquery().location();
        return () -> new BigQueryTableStore(bigQuery, location);
    }
}
