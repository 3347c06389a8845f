package dev.salesflow.gcp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A local stand-in for the parts of the BigQuery v2 and Cloud Storage JSON REST APIs that setup and
 * check call, on one JDK HTTP server on 127.0.0.1: datasets get/insert, tables get/insert/patch,
 * jobs.insert (dry runs only), buckets get/insert, a multipart object upload and an object delete.
 * It keeps what was created (so a second run finds it), answers as the APIs do (404 with a Google
 * JSON error for what is missing, Storage locations in upper case), and records every request.
 */
final class FakeGoogleApis implements AutoCloseable {

    record Request(String method, String path, String query, JsonObject body, String rawBody) {
        String line() {
            return method + " " + path;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, JsonObject> datasets = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> tables = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> buckets = new ConcurrentHashMap<>();
    private final Map<String, String> objects = new ConcurrentHashMap<>();
    private final AtomicInteger jobNumber = new AtomicInteger();
    private volatile Failure failure;

    /** Every request whose path starts with {@code pathPrefix} is answered with this error. */
    record Failure(String pathPrefix, int status, String reason, String message) {}

    private FakeGoogleApis(HttpServer server) {
        this.server = server;
    }

    static FakeGoogleApis start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeGoogleApis fake = new FakeGoogleApis(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathPrefix) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
                .toList();
    }

    int requestCount() {
        return requests.size();
    }

    void clear() {
        requests.clear();
    }

    Map<String, String> objects() {
        return Map.copyOf(objects);
    }

    void failWith(Failure failure) {
        this.failure = failure;
    }

    /** A dataset made elsewhere, e.g. in another location. */
    void putDataset(String project, String dataset, String location) {
        JsonObject resource = new JsonObject();
        resource.add("datasetReference", reference("projectId", project, "datasetId", dataset));
        resource.addProperty("id", project + ":" + dataset);
        resource.addProperty("location", location);
        datasets.put(project + "/" + dataset, resource);
    }

    /** A table made elsewhere, as the tables API would return it. */
    void putTable(String project, String dataset, String table, JsonObject resource) {
        resource.add("tableReference", reference("projectId", project, "datasetId", dataset, "tableId", table));
        resource.addProperty("type", "TABLE");
        tables.put(project + "/" + dataset + "/" + table, resource);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
            if (override != null) {
                method = override;
            }
            String path = exchange.getRequestURI().getPath();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
            }
            String raw = new String(bytes, StandardCharsets.UTF_8);
            JsonObject body = null;
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (bytes.length > 0 && type != null && type.startsWith("application/json")) {
                body = JsonParser.parseString(raw).getAsJsonObject();
            }
            Request request = new Request(method, path, exchange.getRequestURI().getRawQuery(), body, raw);
            requests.add(request);
            Failure fail = failure;
            if (fail != null && path.startsWith(fail.pathPrefix())) {
                error(exchange, fail.status(), fail.reason(), fail.message());
            } else if (path.startsWith("/bigquery/v2/projects/")) {
                bigquery(
                        exchange,
                        request,
                        path.substring("/bigquery/v2/projects/".length()).split("/"));
            } else if (path.startsWith("/upload/storage/v1/b/")) {
                upload(
                        exchange,
                        request,
                        path.substring("/upload/storage/v1/b/".length()).split("/"));
            } else if (path.startsWith("/storage/v1/b")) {
                storage(exchange, request, path.substring("/storage/v1/b".length()));
            } else {
                error(exchange, 404, "notFound", "the fake does not serve " + path);
            }
        } catch (RuntimeException e) {
            // A broken fake must show up as such; 400 so that the client does not retry.
            error(exchange, 400, "invalid", "the fake failed: " + e);
        } finally {
            exchange.close();
        }
    }

    // ---------------------------------------------------------------- BigQuery

    private void bigquery(HttpExchange exchange, Request request, String[] parts) throws IOException {
        String project = parts[0];
        String method = request.method();
        if (parts.length == 2 && parts[1].equals("datasets") && method.equals("POST")) {
            JsonObject dataset = request.body().deepCopy();
            String id =
                    dataset.getAsJsonObject("datasetReference").get("datasetId").getAsString();
            if (datasets.containsKey(project + "/" + id)) {
                error(exchange, 409, "duplicate", "Already Exists: Dataset " + project + ":" + id);
                return;
            }
            dataset.addProperty("id", project + ":" + id);
            dataset.addProperty("kind", "bigquery#dataset");
            datasets.put(project + "/" + id, dataset);
            send(exchange, 200, dataset);
        } else if (parts.length == 3 && parts[1].equals("datasets") && method.equals("GET")) {
            found(exchange, datasets.get(project + "/" + parts[2]), "Dataset " + project + ":" + parts[2]);
        } else if (parts.length == 4
                && parts[1].equals("datasets")
                && parts[3].equals("tables")
                && method.equals("POST")) {
            if (!datasets.containsKey(project + "/" + parts[2])) {
                error(exchange, 404, "notFound", "Not found: Dataset " + project + ":" + parts[2]);
                return;
            }
            JsonObject table = request.body().deepCopy();
            String id = table.getAsJsonObject("tableReference").get("tableId").getAsString();
            table.addProperty("type", "TABLE");
            table.addProperty("kind", "bigquery#table");
            tables.put(project + "/" + parts[2] + "/" + id, table);
            send(exchange, 200, table);
        } else if (parts.length == 5 && parts[1].equals("datasets") && parts[3].equals("tables")) {
            String key = project + "/" + parts[2] + "/" + parts[4];
            if (method.equals("GET")) {
                found(exchange, tables.get(key), "Table " + project + ":" + parts[2] + "." + parts[4]);
            } else if (method.equals("PATCH") || method.equals("PUT")) {
                JsonObject table = tables.get(key);
                if (table == null) {
                    error(exchange, 404, "notFound", "Not found: Table " + key);
                    return;
                }
                for (Map.Entry<String, JsonElement> field : request.body().entrySet()) {
                    table.add(field.getKey(), field.getValue().deepCopy());
                }
                send(exchange, 200, table);
            } else {
                error(exchange, 405, "invalid", method + " on a table");
            }
        } else if (parts.length == 2 && parts[1].equals("jobs") && method.equals("POST")) {
            dryRun(exchange, project, request.body());
        } else {
            error(exchange, 404, "notFound", "the fake does not serve " + method + " " + request.path());
        }
    }

    /** Answers a dry-run query job as BigQuery does: DONE, with the bytes it would scan; nothing runs. */
    private void dryRun(HttpExchange exchange, String project, JsonObject job) throws IOException {
        JsonObject configuration = job.getAsJsonObject("configuration");
        if (!configuration.has("dryRun") || !configuration.get("dryRun").getAsBoolean()) {
            error(exchange, 400, "invalid", "the fake only answers dry runs");
            return;
        }
        JsonObject answer = job.deepCopy();
        JsonObject reference = answer.has("jobReference") ? answer.getAsJsonObject("jobReference") : new JsonObject();
        reference.addProperty("projectId", project);
        if (!reference.has("jobId")) {
            reference.addProperty("jobId", "dry_run_" + jobNumber.incrementAndGet());
        }
        answer.add("jobReference", reference);
        JsonObject status = new JsonObject();
        status.addProperty("state", "DONE");
        answer.add("status", status);
        JsonObject query = new JsonObject();
        query.addProperty("totalBytesProcessed", "0");
        query.addProperty("statementType", "SELECT");
        JsonObject statistics = new JsonObject();
        statistics.addProperty("totalBytesProcessed", "0");
        statistics.add("query", query);
        answer.add("statistics", statistics);
        send(exchange, 200, answer);
    }

    // ---------------------------------------------------------------- Cloud Storage

    private void storage(HttpExchange exchange, Request request, String rest) throws IOException {
        String method = request.method();
        if (rest.isEmpty() && method.equals("POST")) {
            JsonObject bucket = request.body().deepCopy();
            String name = bucket.get("name").getAsString();
            if (buckets.containsKey(name)) {
                error(
                        exchange,
                        409,
                        "conflict",
                        "Your previous request to create the named bucket succeeded and you " + "already own it.");
                return;
            }
            // Cloud Storage answers locations in upper case.
            bucket.addProperty("location", bucket.get("location").getAsString().toUpperCase(Locale.ROOT));
            bucket.addProperty("kind", "storage#bucket");
            bucket.addProperty("id", name);
            buckets.put(name, bucket);
            send(exchange, 200, bucket);
            return;
        }
        String[] parts = rest.substring(1).split("/", 3);
        if (parts.length == 1 && method.equals("GET")) {
            found(exchange, buckets.get(parts[0]), "bucket " + parts[0]);
        } else if (parts.length == 3 && parts[1].equals("o") && method.equals("DELETE")) {
            if (objects.remove(parts[0] + "/" + parts[2]) == null) {
                error(exchange, 404, "notFound", "No such object: " + parts[0] + "/" + parts[2]);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
        } else {
            error(exchange, 404, "notFound", "the fake does not serve " + method + " " + request.path());
        }
    }

    /** {@code uploadType=multipart}: a JSON part with the object's metadata, then its bytes. */
    private void upload(HttpExchange exchange, Request request, String[] parts) throws IOException {
        if (!request.method().equals("POST")
                || parts.length != 2
                || !parts[1].equals("o")
                || request.query() == null
                || !request.query().contains("uploadType=multipart")) {
            error(
                    exchange,
                    400,
                    "invalid",
                    "the fake takes multipart uploads only: " + request.path() + "?" + request.query());
            return;
        }
        if (!buckets.containsKey(parts[0])) {
            error(exchange, 404, "notFound", "The specified bucket does not exist.");
            return;
        }
        String raw = request.rawBody();
        int start = raw.indexOf('{');
        int end = raw.indexOf("\r\n", start);
        JsonObject metadata = JsonParser.parseString(raw.substring(start, end)).getAsJsonObject();
        String name = metadata.get("name").getAsString();
        String content = raw.substring(raw.indexOf("\r\n\r\n", end) + 4);
        content = content.substring(0, content.indexOf("\r\n--"));
        objects.put(parts[0] + "/" + name, content);
        metadata.addProperty("bucket", parts[0]);
        metadata.addProperty("size", Integer.toString(content.getBytes(StandardCharsets.UTF_8).length));
        metadata.addProperty("generation", "1");
        send(exchange, 200, metadata);
    }

    // ---------------------------------------------------------------- helpers

    private static void found(HttpExchange exchange, JsonObject resource, String what) throws IOException {
        if (resource == null) {
            error(exchange, 404, "notFound", "Not found: " + what);
        } else {
            send(exchange, 200, resource);
        }
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

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        requests.forEach(r -> lines.add(r.line()));
        return lines;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
