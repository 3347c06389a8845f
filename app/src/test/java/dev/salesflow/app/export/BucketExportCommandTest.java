package dev.salesflow.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.salesflow.app.cli.RunCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code export powerbi --warehouse bigquery}: the same command as locally, on BigQuery, sends one
 * EXPORT DATA job per gold table to the bucket, in the configured project and location. A JDK HTTP
 * server stands in for the BigQuery REST API (it lists two gold tables, counts 3 rows each, records
 * every query); the full request checks are warehouse-bigquery's GoldOnBigQueryTest.
 */
class BucketExportCommandTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> queries = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final HttpServer server = start();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theGoldTablesAreExportedAsParquetToTheBucketByBigQuery() {
        int exit = RunCommand.execute(new String[] {
            "export",
            "powerbi",
            "--warehouse",
            "bigquery",
            "--bigquery-project",
            "demo-project",
            "--bigquery-location",
            "europe-west1",
            "--bigquery-endpoint",
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "--bucket",
            "demo-project-salesflow"
        });

        assertThat(exit).isZero();
        assertThat(paths).allMatch(path -> path.startsWith("/bigquery/v2/projects/demo-project/"));
        assertThat(queries).allSatisfy(query -> {
            assertThat(query.path("location").asText()).isEqualTo("europe-west1");
            assertThat(query.path("useLegacySql").asBoolean(true)).isFalse();
        });
        assertThat(queries.stream().map(q -> q.path("query").asText()))
                .contains(
                        "select table_name from sales_gold.INFORMATION_SCHEMA.TABLES order by table_name",
                        "export data options (uri = 'gs://demo-project-salesflow/gold/parquet/dim_store/part-*.parquet',"
                                + " format = 'PARQUET', overwrite = true) as select * from sales_gold.`dim_store`",
                        "export data options (uri ="
                                + " 'gs://demo-project-salesflow/gold/parquet/fct_sale_lines/part-*.parquet', format ="
                                + " 'PARQUET', overwrite = true) as select * from sales_gold.`fct_sale_lines`");
    }

    /** Answers every jobs.query at once with a schema and rows, as BigQuery does for a finished query. */
    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
                }
                paths.add(exchange.getRequestURI().getPath());
                JsonNode request = json.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
                queries.add(request);
                String sql = request.path("query").asText();
                String rows = sql.startsWith("select table_name")
                        ? "[{\"f\":[{\"v\":\"dim_store\"}]},{\"f\":[{\"v\":\"fct_sale_lines\"}]}]"
                        : sql.startsWith("select count(") ? "[{\"f\":[{\"v\":\"3\"}]}]" : "[]";
                String type = sql.startsWith("select count(") ? "INTEGER" : "STRING";
                byte[] answer = ("{\"kind\":\"bigquery#queryResponse\",\"jobComplete\":true,"
                                + "\"jobReference\":{\"projectId\":\"demo-project\",\"jobId\":\"job_" + queries.size()
                                + "\",\"location\":\"europe-west1\"},"
                                + "\"schema\":{\"fields\":[{\"name\":\"f0_\",\"type\":\"" + type
                                + "\",\"mode\":\"NULLABLE\"}]},"
                                + "\"totalRows\":\"" + (rows.equals("[]") ? 0 : rows.split("\"f\"").length - 1)
                                + "\",\"rows\":" + rows + "}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
