package dev.salesflow.pubsub.emulator.rest;

import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ListSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicsResponse;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.salesflow.pubsub.emulator.broker.Broker;
import dev.salesflow.pubsub.emulator.broker.BrokerException;
import dev.salesflow.pubsub.emulator.broker.Page;
import dev.salesflow.pubsub.emulator.broker.PullLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@code /v1/projects/...} requests to the broker. Bodies use the proto3 JSON mapping, which
 * is what the Pub/Sub REST API speaks; unknown JSON fields are ignored so newer clients work.
 *
 * <p>Only non-browser clients are served, so that a web page the user opens cannot publish, pull
 * or ack through the user's browser: a request with an {@code Origin} header (browsers send one
 * with every cross-origin request and every POST/PUT/DELETE) is refused with 403, as is one whose
 * {@code Host} is a name other than localhost or the bound host (DNS rebinding); a POST or PUT
 * that is not {@code application/json} (what a page can send without a CORS preflight:
 * text/plain, forms) is refused with 415. Bodies are capped as received and after gzip
 * decompression.
 */
final class RestHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RestHandler.class);

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

    private final Broker broker;
    private final Duration pullWait;
    private final String boundHost;
    private final int maxBodyBytes;

    RestHandler(Broker broker, Duration pullWait, String boundHost, int maxBodyBytes) {
        this.broker = broker;
        this.pullWait = pullWait;
        this.boundHost = boundHost;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A refusal answered as a Google JSON error; {@code status} is the canonical code name. */
    private static final class RestError extends Exception {
        final int httpStatus;
        final String status;

        RestError(int httpStatus, String status, String message) {
            super(message);
            this.httpStatus = httpStatus;
            this.status = status;
        }

        static RestError of(BrokerException e) {
            int http = switch (e.code()) {
                case INVALID_ARGUMENT, FAILED_PRECONDITION -> 400;
                case NOT_FOUND -> 404;
                case ALREADY_EXISTS -> 409;
                case RESOURCE_EXHAUSTED -> 429;
                case UNAVAILABLE -> 503;
            };
            return new RestError(http, e.code().name(), e.getMessage());
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                refuseBrowsers(exchange);
                Message response = route(exchange);
                respond(exchange, 200, PRINTER.print(response));
            } catch (BrokerException e) {
                respondError(exchange, RestError.of(e));
            } catch (RestError e) {
                respondError(exchange, e);
            } catch (InvalidProtocolBufferException e) {
                respondError(exchange, new RestError(400, "INVALID_ARGUMENT", e.getMessage()));
            } catch (RuntimeException e) {
                log.error("REST {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                respondError(exchange, new RestError(500, "INTERNAL", String.valueOf(e.getMessage())));
            }
        }
    }

    /** See the class comment: only non-browser clients, only JSON state changes. */
    private void refuseBrowsers(HttpExchange exchange) throws RestError {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            throw new RestError(
                    403,
                    "PERMISSION_DENIED",
                    "Cross-origin request refused (Origin: " + origin + "): the emulator's REST API serves"
                            + " API clients such as Beam's PubsubIO, not web pages");
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && !allowedHost(host)) {
            throw new RestError(
                    403,
                    "PERMISSION_DENIED",
                    "Host " + host + " refused: address the emulator as 127.0.0.1, localhost or " + boundHost);
        }
        String method = exchange.getRequestMethod();
        if (method.equals("POST") || method.equals("PUT")) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!mediaType.equals("application/json")) {
                throw new RestError(
                        415,
                        "INVALID_ARGUMENT",
                        method + " needs Content-Type application/json, got " + (type == null ? "none" : type));
            }
        }
    }

    /** An IP literal, localhost, or the host the server was bound to; never another DNS name. */
    private boolean allowedHost(String hostHeader) {
        String host = hostHeader;
        if (host.startsWith("[")) {
            return true; // an IPv6 literal
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || host.equalsIgnoreCase(boundHost)
                || IPV4.matcher(host).matches();
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Message route(HttpExchange exchange) throws IOException, RestError {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (!path.startsWith("/v1/")) {
            throw unimplemented(method, path);
        }
        String resource = path.substring("/v1/".length());
        String verb = "";
        int colon = resource.lastIndexOf(':');
        if (colon > resource.lastIndexOf('/')) {
            verb = resource.substring(colon + 1);
            resource = resource.substring(0, colon);
        }
        String[] parts = resource.split("/");
        if (parts.length < 3 || !parts[0].equals("projects")) {
            throw unimplemented(method, path);
        }
        String project = "projects/" + parts[1];
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String route = method + " " + parts[2] + "/" + (parts.length - 2) + ":" + verb;
        return switch (route) {
            case "GET topics/1:" -> listTopics(project, query);
            case "PUT topics/2:" -> {
                Topic.Builder topic = parse(exchange, Topic.newBuilder());
                yield broker.createTopic(topic.setName(resource).build());
            }
            case "GET topics/2:" -> broker.getTopic(resource);
            case "DELETE topics/2:" -> {
                broker.deleteTopic(resource);
                yield Empty.getDefaultInstance();
            }
            case "POST topics/2:publish" -> {
                PublishRequest request =
                        parse(exchange, PublishRequest.newBuilder()).build();
                yield PublishResponse.newBuilder()
                        .addAllMessageIds(broker.publish(resource, request.getMessagesList()))
                        .build();
            }
            case "GET topics/3:" -> {
                if (!parts[4].equals("subscriptions")) {
                    throw unimplemented(method, path);
                }
                yield listTopicSubscriptions(project + "/topics/" + parts[3], query);
            }
            case "GET subscriptions/1:" -> listSubscriptions(project, query);
            case "PUT subscriptions/2:" -> {
                Subscription.Builder sub = parse(exchange, Subscription.newBuilder());
                yield broker.createSubscription(sub.setName(resource).build());
            }
            case "GET subscriptions/2:" -> broker.getSubscription(resource);
            case "DELETE subscriptions/2:" -> {
                broker.deleteSubscription(resource);
                yield Empty.getDefaultInstance();
            }
            case "POST subscriptions/2:pull" -> pull(exchange, resource);
            case "POST subscriptions/2:acknowledge" -> {
                AcknowledgeRequest request =
                        parse(exchange, AcknowledgeRequest.newBuilder()).build();
                broker.acknowledge(resource, request.getAckIdsList());
                yield Empty.getDefaultInstance();
            }
            case "POST subscriptions/2:modifyAckDeadline" -> {
                ModifyAckDeadlineRequest request =
                        parse(exchange, ModifyAckDeadlineRequest.newBuilder()).build();
                broker.modifyAckDeadline(resource, request.getAckIdsList(), request.getAckDeadlineSeconds());
                yield Empty.getDefaultInstance();
            }
            default -> throw unimplemented(method, path);
        };
    }

    @SuppressWarnings("deprecation") // return_immediately is deprecated but Beam still sends it
    private PullResponse pull(HttpExchange exchange, String subscription) throws IOException, RestError {
        PullRequest request = parse(exchange, PullRequest.newBuilder()).build();
        Duration wait = request.getReturnImmediately() ? Duration.ZERO : pullWait;
        return PullResponse.newBuilder()
                .addAllReceivedMessages(broker.pull(subscription, PullLimits.of(request.getMaxMessages(), wait)))
                .build();
    }

    private ListTopicsResponse listTopics(String project, Map<String, String> query) throws RestError {
        Page<Topic> page = broker.listTopics(project, pageSize(query), query.get("pageToken"));
        return ListTopicsResponse.newBuilder()
                .addAllTopics(page.items())
                .setNextPageToken(page.nextPageToken())
                .build();
    }

    private ListTopicSubscriptionsResponse listTopicSubscriptions(String topic, Map<String, String> query)
            throws RestError {
        Page<String> page = broker.listTopicSubscriptions(topic, pageSize(query), query.get("pageToken"));
        return ListTopicSubscriptionsResponse.newBuilder()
                .addAllSubscriptions(page.items())
                .setNextPageToken(page.nextPageToken())
                .build();
    }

    private ListSubscriptionsResponse listSubscriptions(String project, Map<String, String> query) throws RestError {
        Page<Subscription> page = broker.listSubscriptions(project, pageSize(query), query.get("pageToken"));
        return ListSubscriptionsResponse.newBuilder()
                .addAllSubscriptions(page.items())
                .setNextPageToken(page.nextPageToken())
                .build();
    }

    private static int pageSize(Map<String, String> query) throws RestError {
        String value = query.get("pageSize");
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RestError(400, "INVALID_ARGUMENT", "Invalid pageSize: " + value);
        }
    }

    private <B extends Message.Builder> B parse(HttpExchange exchange, B builder) throws IOException, RestError {
        byte[] bytes;
        // google-http-client gzips request bodies by default.
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLong(length) > maxBodyBytes) {
            throw tooLarge(length + " bytes");
        }
        // Both the bytes received and what they decompress to are capped, so a small gzip body
        // cannot expand without limit.
        InputStream received = new CappedInputStream(exchange.getRequestBody(), maxBodyBytes);
        try (InputStream in = gzip ? new CappedInputStream(new GZIPInputStream(received), maxBodyBytes) : received) {
            bytes = in.readAllBytes();
        } catch (CappedInputStream.TooLarge e) {
            throw tooLarge(gzip ? "more than that (received or decompressed)" : "more than that");
        }
        String json = new String(bytes, StandardCharsets.UTF_8);
        if (!json.isBlank()) {
            PARSER.merge(json, builder);
        }
        return builder;
    }

    private RestError tooLarge(String size) {
        // What Google's front-ends answer for an oversized payload.
        return new RestError(
                400,
                "INVALID_ARGUMENT",
                "Request payload size exceeds the limit: " + maxBodyBytes + " bytes (this one: " + size
                        + "); send smaller batches or raise the emulator's --max-request-bytes");
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(
                    URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static RestError unimplemented(String method, String path) {
        return new RestError(501, "UNIMPLEMENTED", "Not supported by the emulator: " + method + " " + path);
    }

    private static void respondError(HttpExchange exchange, RestError error) throws IOException {
        String body = "{\"error\":{\"code\":"
                + error.httpStatus
                + ",\"message\":"
                + jsonString(error.getMessage())
                + ",\"status\":\""
                + error.status
                + "\"}}";
        respond(exchange, error.httpStatus, body);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : String.valueOf(value).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
