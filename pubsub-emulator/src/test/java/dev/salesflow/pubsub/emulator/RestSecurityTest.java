package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.pubsub.v1.Subscription;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a web page the user opens (or anyone who can reach the port) can do to the REST
 * front-end, sent as raw HTTP requests.
 */
class RestSecurityTest {

    private static final String TOPIC = topic("orders");
    private static final String SUB = subscription("bronze");
    private static final String PUBLISH = "/v1/" + TOPIC + ":publish";
    private static final String PUBLISH_BODY = "{\"messages\":[{\"data\":\"aGk=\"}]}";

    private EmulatorFixture fixture;
    private int port;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        port = fixture.emulator.restPort();
        fixture.createTopicAndSubscription(
                TOPIC, Subscription.newBuilder().setName(SUB).build());
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aJsonPublishFromAnApiClientIsServed() throws Exception {
        RawHttp.Response response = post(PUBLISH, "application/json; charset=UTF-8", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
    }

    @Test
    void aCrossOriginPublishIsRefusedAndPublishesNothing() throws Exception {
        RawHttp.Response simple = post(PUBLISH, "text/plain", Map.of("Origin", "https://evil.example"));
        RawHttp.Response json = post(PUBLISH, "application/json", Map.of("Origin", "https://evil.example"));
        RawHttp.Response preflight = RawHttp.send(
                port,
                "OPTIONS",
                PUBLISH,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"),
                new byte[0]);

        assertThat(simple.status()).isEqualTo(403);
        assertThat(simple.body()).contains("Cross-origin request refused", "PERMISSION_DENIED");
        assertThat(json.status()).isEqualTo(403);
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(fixture.emulator.backlog(SUB)).isZero();
    }

    @Test
    void aStateChangeThatIsNotJsonIsRefusedWith415() throws Exception {
        RawHttp.Response plain = post(PUBLISH, "text/plain", Map.of());
        RawHttp.Response form = post(PUBLISH, "application/x-www-form-urlencoded", Map.of());
        RawHttp.Response none = RawHttp.send(port, "POST", PUBLISH, Map.of(), bytes(PUBLISH_BODY));

        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.body()).contains("needs Content-Type application/json, got text/plain");
        assertThat(form.status()).isEqualTo(415);
        assertThat(none.status()).isEqualTo(415);
        assertThat(fixture.emulator.backlog(SUB)).isZero();
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() throws Exception {
        // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1.
        RawHttp.Response rebound = post(PUBLISH, "application/json", Map.of("Host", "evil.example:" + port));
        RawHttp.Response localhost = post(PUBLISH, "application/json", Map.of("Host", "localhost:" + port));

        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("Host evil.example");
        assertThat(localhost.status()).isEqualTo(200);
        assertThat(fixture.emulator.backlog(SUB)).isEqualTo(1);
    }

    @Test
    void ackIdsAreRandom128BitValuesAndGuessedOnesAckNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            post(PUBLISH, "application/json", Map.of());
        }
        RawHttp.Response pulled = RawHttp.send(
                port,
                "POST",
                "/v1/" + SUB + ":pull",
                Map.of("Content-Type", "application/json"),
                bytes("{\"maxMessages\":10,\"returnImmediately\":true}"));
        Matcher ids = Pattern.compile("\"ackId\": ?\"([^\"]+)\"").matcher(pulled.body());
        java.util.List<String> ackIds = new java.util.ArrayList<>();
        while (ids.find()) {
            ackIds.add(ids.group(1));
        }

        StringBuilder guesses = new StringBuilder("{\"ackIds\":[");
        for (int i = 0; i < 1000; i++) {
            guesses.append(i == 0 ? "" : ",").append('"').append(i).append('"');
        }
        RawHttp.Response guessed = RawHttp.send(
                port,
                "POST",
                "/v1/" + SUB + ":acknowledge",
                Map.of("Content-Type", "application/json"),
                bytes(guesses.append("]}").toString()));

        assertThat(ackIds).hasSize(3).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(guessed.status()).isEqualTo(200);
        assertThat(fixture.emulator.backlog(SUB))
                .as("counter-like guesses ack nothing")
                .isEqualTo(3);
    }

    @Test
    void aSmallGzipBodyThatExpandsBeyondTheLimitIsRefusedBeforeItIsHeldInMemory() throws Exception {
        // 64 MiB of spaces inside a JSON object compress to about 64 KiB.
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bytes("{\"messages\":[{\"data\":\"aGk=\"}]"));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                gzip.write(spaces);
            }
            gzip.write(bytes("}"));
        }
        assertThat(compressed.size()).isLessThan(EmulatorSettings.DEFAULT_MAX_REQUEST_BYTES / 10);

        RawHttp.Response bomb = RawHttp.send(
                port,
                "POST",
                PUBLISH,
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                compressed.toByteArray());

        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.body()).contains("Request payload size exceeds the limit", "INVALID_ARGUMENT");
        assertThat(fixture.emulator.backlog(SUB)).isZero();
    }

    @Test
    void aPlainBodyOverTheConfiguredLimitIsRefused() throws Exception {
        try (EmulatorFixture small =
                new EmulatorFixture(EmulatorSettings.ephemeral().withMaxRequestBytes(1024))) {
            small.createTopicAndSubscription(
                    TOPIC, Subscription.newBuilder().setName(SUB).build());
            String big = "{\"messages\":[{\"data\":\"" + "A".repeat(2048) + "\"}]}";

            RawHttp.Response refused = RawHttp.send(
                    small.emulator.restPort(), "POST", PUBLISH, Map.of("Content-Type", "application/json"), bytes(big));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("Request payload size exceeds the limit: 1024 bytes");
            assertThat(small.emulator.backlog(SUB)).isZero();
        }
    }

    @Test
    void nonLoopbackBindingIsWarnedAbout() {
        assertThat(PubSubEmulator.exposureWarning("0.0.0.0"))
                .hasValueSatisfying(w -> assertThat(w).contains("not a loopback address"));
        assertThat(PubSubEmulator.exposureWarning("127.0.0.1")).isEmpty();
        assertThat(PubSubEmulator.exposureWarning("localhost")).isEmpty();
    }

    private RawHttp.Response post(String path, String contentType, Map<String, String> extra) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.putAll(extra);
        return RawHttp.send(port, "POST", path, headers, bytes(PUBLISH_BODY));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
