package dev.salesflow.app.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.Warehouse;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.bigquery.BigQueryTableStore;
import dev.salesflow.warehouse.table.Column;
import dev.salesflow.warehouse.table.ColumnType;
import dev.salesflow.warehouse.table.DuckDbTableStore;
import dev.salesflow.warehouse.table.TableSpec;
import dev.salesflow.warehouse.table.TableStore;
import dev.salesflow.warehouse.table.TableStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** salesflow.warehouse.kind picks the store the read models are written through. */
class TableStoreConfigurationTest {

    static final TableSpec TABLE =
            new TableSpec("sales_silver", "t", List.of(Column.required("id", ColumnType.STRING)), List.of("id"), "id");

    @Configuration
    @EnableConfigurationProperties(WarehouseProperties.class)
    static class Properties {}

    final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Properties.class, TableStoreConfiguration.class);

    @TempDir
    Path dir;

    @Test
    void locallyTheStoresAreDuckDbSessions() {
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("w.duckdb"))) {
            runner.withBean(Warehouse.class, () -> warehouse).run(context -> {
                try (TableStore store = context.getBean(TableStores.class).open()) {
                    assertThat(store).isInstanceOf(DuckDbTableStore.class);
                    assertThat(store.create(TABLE)).isTrue();
                }
            });
        }
    }

    @Test
    void withKindBigQueryTheStoresSendJobsToTheConfiguredProjectLocationAndHost() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            }
            received.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + " " + new String(body, StandardCharsets.UTF_8));
            byte[] answer =
                    "{\"error\":{\"code\":403,\"message\":\"Access Denied: stand-in\",\"errors\":[{\"reason\":\"accessDenied\"}]}}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            runner.withPropertyValues(
                            "salesflow.warehouse.kind=bigquery",
                            "salesflow.warehouse.bigquery.project=p1",
                            "salesflow.warehouse.bigquery.location=europe-west1",
                            "salesflow.warehouse.bigquery.host=http://127.0.0.1:"
                                    + server.getAddress().getPort())
                    .run(context -> {
                        assertThat(context).doesNotHaveBean(DuckDbWarehouse.class);
                        try (TableStore store =
                                context.getBean(TableStores.class).open()) {
                            assertThat(store).isInstanceOf(BigQueryTableStore.class);
                            assertThatThrownBy(() -> store.drop(TABLE))
                                    .isInstanceOf(WarehouseException.class)
                                    .hasMessageContaining("Access Denied");
                        }
                    });
        } finally {
            server.stop(0);
        }
        assertThat(received)
                .singleElement()
                .asString()
                .startsWith("POST /bigquery/v2/projects/p1/queries ")
                .contains(
                        "DROP TABLE IF EXISTS sales_silver.t",
                        "\"location\":\"europe-west1\"",
                        "\"useLegacySql\":false");
    }
}
