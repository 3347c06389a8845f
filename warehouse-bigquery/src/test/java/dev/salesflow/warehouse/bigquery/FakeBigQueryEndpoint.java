package dev.salesflow.warehouse.bigquery;

import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Just enough of the BigQuery REST API v2 on 127.0.0.1 for the official client to run the store's
 * calls: jobs.query, jobs.get, jobs.getQueryResults and tables.get. It executes nothing: it records
 * every request and answers what a test scripted (rows for a query, a table's schema, an error),
 * otherwise an empty result as BigQuery gives for DDL and DML.
 */
final class FakeBigQueryEndpoint implements AutoCloseable {

    static final String PROJECT = "p";
    static final String LOCATION = "EU";

    /** One HTTP request as the client sent it. */
    record Request(String method, String path, String rawQuery, JsonObject body) {}

    /** Scripted result columns: name and REST type (INTEGER, NUMERIC, TIMESTAMP …). */
    record ResultColumn(String name, String type) {}

    private record Answer(
            Predicate<String> sql,
            List<ResultColumn> columns,
            List<List<Object>> rows,
            int errorStatus,
            String errorReason,
            String errorMessage) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> tables = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger jobNumber = new AtomicInteger();

    private FakeBigQueryEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeBigQueryEndpoint start() {
        try {
            return new FakeBigQueryEndpoint();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** A client that talks to this endpoint, as the app builds one for BigQuery, without credentials. */
    BigQuery client() {
        return BigQueryOptions.newBuilder()
                .setHost("http://127.0.0.1:" + server.getAddress().getPort())
                .setProjectId(PROJECT)
                .setLocation(LOCATION)
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
    }

    /** Queries whose text matches answer these rows (values: String, Long, BigDecimal, Boolean, Instant, null). */
    void answerRows(Predicate<String> sql, List<ResultColumn> columns, List<List<Object>> rows) {
        answers.add(0, new Answer(sql, columns, rows, 0, null, null));
    }

    /** Queries whose text matches fail as BigQuery fails them: an HTTP error with a reason. */
    void failQueries(Predicate<String> sql, int status, String reason, String message) {
        answers.add(0, new Answer(sql, List.of(), List.of(), status, reason, message));
    }

    /** tables.get finds this table, with these fields (name, REST type, mode). */
    void table(String dataset, String table, List<String[]> fields) {
        JsonArray schemaFields = new JsonArray();
        for (String[] field : fields) {
            JsonObject f = new JsonObject();
            f.addProperty("name", field[0]);
            f.addProperty("type", field[1]);
            f.addProperty("mode", field[2]);
            schemaFields.add(f);
        }
        JsonObject resource = new JsonObject();
        resource.add("tableReference", reference("projectId", PROJECT, "datasetId", dataset, "tableId", table));
        resource.addProperty("type", "TABLE");
        JsonObject schema = new JsonObject();
        schema.add("fields", schemaFields);
        resource.add("schema", schema);
        tables.put(dataset + "." + table, resource);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Bodies of jobs.query requests, in order. */
    List<JsonObject> queries() {
        return requests.stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/queries"))
                .map(Request::body)
                .toList();
    }

    List<String> queryTexts() {
        return queries().stream().map(q -> q.get("query").getAsString()).toList();
    }

    void clear() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            // The client gzips request bodies.
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            }
            JsonObject body = bytes.length == 0
                    ? null
                    : JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8))
                            .getAsJsonObject();
            requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(), body));
            String prefix = "/bigquery/v2/projects/" + PROJECT + "/";
            if (!path.startsWith(prefix)) {
                error(exchange, 404, "notFound", "the fake serves project " + PROJECT + " only: " + path);
                return;
            }
            String[] parts = path.substring(prefix.length()).split("/");
            if (method.equals("POST") && parts.length == 1 && parts[0].equals("queries")) {
                query(exchange, body);
            } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("jobs")) {
                JsonObject job = jobs.get(parts[1]);
                if (job == null) {
                    error(exchange, 404, "notFound", "Not found: Job " + parts[1]);
                } else {
                    send(exchange, 200, job.get("resource").getAsJsonObject());
                }
            } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("queries")) {
                JsonObject job = jobs.get(parts[1]);
                if (job == null) {
                    error(exchange, 404, "notFound", "Not found: Job " + parts[1]);
                } else {
                    send(exchange, 200, job.get("results").getAsJsonObject());
                }
            } else if (method.equals("GET")
                    && parts.length == 4
                    && parts[0].equals("datasets")
                    && parts[2].equals("tables")) {
                JsonObject table = tables.get(parts[1] + "." + parts[3]);
                if (table == null) {
                    error(exchange, 404, "notFound", "Not found: Table " + PROJECT + ":" + parts[1] + "." + parts[3]);
                } else {
                    send(exchange, 200, table);
                }
            } else {
                error(exchange, 501, "notImplemented", "the fake does not serve " + method + " " + path);
            }
        } catch (RuntimeException e) {
            // A broken fake must show up in the test as such; 400 so that the client does not retry.
            error(exchange, 400, "invalid", "the fake failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private void query(HttpExchange exchange, JsonObject request) throws IOException {
        String sql = request.get("query").getAsString();
        Answer answer =
                answers.stream().filter(a -> a.sql().test(sql)).findFirst().orElse(null);
        if (answer != null && answer.errorStatus() != 0) {
            error(exchange, answer.errorStatus(), answer.errorReason(), answer.errorMessage());
            return;
        }
        String jobId = "job_" + jobNumber.incrementAndGet();
        JsonObject jobReference = reference("projectId", PROJECT, "jobId", jobId, "location", LOCATION);
        JsonObject response = new JsonObject();
        response.addProperty("kind", "bigquery#queryResponse");
        response.add("jobReference", jobReference);
        response.addProperty("jobComplete", true);
        JsonObject results = new JsonObject();
        results.addProperty("kind", "bigquery#getQueryResultsResponse");
        results.add("jobReference", jobReference);
        results.addProperty("jobComplete", true);
        results.addProperty("totalRows", "0");
        JsonObject schema = new JsonObject();
        schema.add("fields", new JsonArray());
        results.add("schema", schema);
        if (answer != null) {
            boolean int64Timestamps = request.has("formatOptions")
                    && request.getAsJsonObject("formatOptions").has("useInt64Timestamp")
                    && request.getAsJsonObject("formatOptions")
                            .get("useInt64Timestamp")
                            .getAsBoolean();
            response.add("schema", schema(answer.columns()));
            response.add("rows", rows(answer.rows(), int64Timestamps));
            response.addProperty("totalRows", Integer.toString(answer.rows().size()));
        }
        // Without a schema (as for DDL, DML and scripts) the client asks jobs.get and getQueryResults.
        JsonObject resource = new JsonObject();
        resource.add("jobReference", jobReference);
        JsonObject status = new JsonObject();
        status.addProperty("state", "DONE");
        resource.add("status", status);
        JsonObject configuration = new JsonObject();
        JsonObject queryConfiguration = new JsonObject();
        queryConfiguration.addProperty("query", sql);
        queryConfiguration.addProperty("useLegacySql", false);
        configuration.add("query", queryConfiguration);
        resource.add("configuration", configuration);
        JsonObject job = new JsonObject();
        job.add("resource", resource);
        job.add("results", results);
        jobs.put(jobId, job);
        send(exchange, 200, response);
    }

    private static JsonObject schema(List<ResultColumn> columns) {
        JsonArray fields = new JsonArray();
        for (ResultColumn column : columns) {
            JsonObject field = new JsonObject();
            field.addProperty("name", column.name());
            field.addProperty("type", column.type());
            field.addProperty("mode", "NULLABLE");
            fields.add(field);
        }
        JsonObject schema = new JsonObject();
        schema.add("fields", fields);
        return schema;
    }

    /** Rows as the REST API encodes them: every value a string, timestamps per the requested format. */
    private static JsonArray rows(List<List<Object>> rows, boolean int64Timestamps) {
        JsonArray array = new JsonArray();
        for (List<Object> row : rows) {
            JsonArray cells = new JsonArray();
            for (Object value : row) {
                JsonObject cell = new JsonObject();
                cell.add("v", encode(value, int64Timestamps));
                cells.add(cell);
            }
            JsonObject f = new JsonObject();
            f.add("f", cells);
            array.add(f);
        }
        return array;
    }

    private static JsonElement encode(Object value, boolean int64Timestamps) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Instant instant) {
            long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
            return new com.google.gson.JsonPrimitive(
                    int64Timestamps
                            ? Long.toString(micros)
                            : new BigDecimal(micros).movePointLeft(6).toPlainString());
        }
        return new com.google.gson.JsonPrimitive(value.toString());
    }

    private static JsonObject reference(String... keysAndValues) {
        JsonObject reference = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            reference.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return reference;
    }

    private static void error(HttpExchange exchange, int status, String reason, String message) throws IOException {
        JsonObject detail = new JsonObject();
        detail.addProperty("reason", reason);
        detail.addProperty("message", message);
        JsonArray errors = new JsonArray();
        errors.add(detail);
        JsonObject error = new JsonObject();
        error.addProperty("code", status);
        error.addProperty("message", message);
        error.add("errors", errors);
        JsonObject body = new JsonObject();
        body.add("error", error);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** "METHOD /path" of every request, the project prefix left out. */
    List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (Request request : requests) {
            paths.add(request.method() + " " + request.path().replace("/bigquery/v2/projects/" + PROJECT, ""));
        }
        return paths;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
