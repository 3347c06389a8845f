package dev.salesflow.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.events.EventTypes;
import dev.salesflow.warehouse.DuckDbWarehouse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessageWithAttributesAndMessageIdCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandSalesEventsTest {

    @TempDir
    Path dir;

    private static PubsubMessage message(String id, String data) {
        return new PubsubMessage(data.getBytes(StandardCharsets.UTF_8), Map.of("event_id", "x"), id);
    }

    private static String envelope(String eventId, long sequence) {
        return """
                {"event_id":"%s","event_type":"SalePlacedEvent","event_revision":null,"aggregate_type":"Sale",
                 "aggregate_id":"s-1","sequence_number":%d,"occurred_at":"2026-01-02T03:04:05Z",
                 "published_at":"2026-01-02T03:04:06.123Z","payload":{"saleId":"s-1","lines":[]}}
                """.formatted(eventId, sequence);
    }

    @Test
    void landsValidEnvelopesOncePerEventAndDeadLettersTheRestWithTheirReason() {
        String file = dir.resolve("warehouse.duckdb").toString();
        BronzeOptions options = PipelineOptionsFactory.fromArgs(
                        "--subscription=projects/p/subscriptions/s", "--duckdbFile=" + file)
                .as(BronzeOptions.class);
        Pipeline pipeline = Pipeline.create(options);
        pipeline.apply(Create.of(List.of(
                                message("m1", envelope("e-1", 0)),
                                message("m2", envelope("e-2", 1)),
                                message("m3", envelope("e-1", 0)), // redelivered: same event id
                                message("m4", "this is not json"),
                                message("m5", "{\"event_id\":\"e-9\"}"),
                                message("m6", envelope("e-3", 2).replace("2026-01-02T03:04:05Z", "yesterday"))))
                        .withCoder(PubsubMessageWithAttributesAndMessageIdCoder.of()))
                .apply(new LandSalesEvents(options));
        pipeline.run().waitUntilFinish();

        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(file));
        assertThat(warehouse.query("select event_id from sales_bronze.sales_events order by 1", r -> r.getString(1)))
                .containsExactly("e-1", "e-2");
        assertThat(warehouse.query(
                        "select strftime(occurred_at, '%Y-%m-%dT%H:%M:%S') from sales_bronze.sales_events"
                                + " where event_id = 'e-1'",
                        r -> r.getString(1)))
                .containsExactly("2026-01-02T03:04:05");
        assertThat(warehouse.query(
                        "select pubsub_message_id || ': ' || error_message"
                                + " from sales_bronze.sales_events_error_records order by 1",
                        r -> r.getString(1)))
                .containsExactly(
                        "m4: not JSON: Unrecognized token 'this': was expecting (JSON String, Number, Array, Object"
                                + " or token 'null', 'true' or 'false')",
                        "m5: field 'payload' is missing or not an object",
                        "m6: field 'occurred_at' is not an RFC 3339 UTC time: yesterday");
        assertThat(warehouse.query(
                        "select payload_string from sales_bronze.sales_events_error_records"
                                + " where pubsub_message_id = 'm4'",
                        r -> r.getString(1)))
                .containsExactly("this is not json");
        warehouse.close();
    }

    @Test
    void deadLettersUnknownEventTypesNegativeSequenceNumbersAndOversizeMessagesWithTheirReason() {
        String file = dir.resolve("warehouse.duckdb").toString();
        BronzeOptions options = PipelineOptionsFactory.fromArgs(
                        "--subscription=projects/p/subscriptions/s", "--duckdbFile=" + file, "--maxMessageBytes=100000")
                .as(BronzeOptions.class);
        String oversize = envelope("e-big", 3).replace("\"lines\":[]", "\"note\":\"" + "x".repeat(120_000) + "\"");
        Pipeline pipeline = Pipeline.create(options);
        pipeline.apply(Create.of(List.of(
                                message("m1", envelope("e-1", 0)),
                                message("m2", envelope("e-2", 0).replace("SalePlacedEvent", "SaleTeleportedEvent")),
                                message("m3", envelope("e-3", -1)),
                                message("m4", oversize),
                                message("m5", envelope("e-5", 1).replace("SalePlacedEvent", "CustomerRegisteredEvent")),
                                message(
                                        "m6",
                                        envelope("e-6", 2)
                                                .replace(
                                                        "\"payload\":{\"saleId\":\"s-1\",\"lines\":[]}",
                                                        "\"no_payload\":1"))))
                        .withCoder(PubsubMessageWithAttributesAndMessageIdCoder.of()))
                .apply(new LandSalesEvents(options));
        pipeline.run().waitUntilFinish();

        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(file));
        assertThat(warehouse.query(
                        "select event_id || ' ' || event_type from sales_bronze.sales_events order by 1",
                        r -> r.getString(1)))
                .containsExactly("e-1 SalePlacedEvent", "e-5 CustomerRegisteredEvent");
        int size = oversize.getBytes(StandardCharsets.UTF_8).length;
        assertThat(warehouse.query(
                        "select pubsub_message_id || ': ' || error_message"
                                + " from sales_bronze.sales_events_error_records order by 1",
                        r -> r.getString(1)))
                .containsExactly(
                        "m2: unknown event_type 'SaleTeleportedEvent'; known types: CustomerRegisteredEvent,"
                                + " ProductListedEvent, StoreOpenedEvent, SalePlacedEvent, CustomerMovedEvent,"
                                + " CustomerEmailChangedEvent, CustomerLoyaltyTierChangedEvent, ProductRepricedEvent,"
                                + " ProductRecategorisedEvent, ProductDiscontinuedEvent, StoreClosedEvent,"
                                + " SaleFulfilledEvent, SaleCancelledEvent, SaleRefundedEvent,"
                                + " ExchangeRatesPublishedEvent",
                        "m3: field 'sequence_number' must not be negative, was -1",
                        "m4: message data is " + size + " bytes, over the limit of 100000 bytes (--maxMessageBytes);"
                                + " payload_bytes and payload_string keep only the first 65536 bytes",
                        "m6: field 'payload' is missing or not an object");
        assertThat(warehouse.query(
                        "select octet_length(payload_bytes) || ' ' || length(payload_string)"
                                + " || ' ' || starts_with(payload_string, '{\"event_id\":\"e-big\"')"
                                + " from sales_bronze.sales_events_error_records where pubsub_message_id = 'm4'",
                        r -> r.getString(1)))
                .containsExactly("65536 65536 true");
        warehouse.close();
    }

    private void land(String file, PubsubMessage... messages) {
        BronzeOptions options = PipelineOptionsFactory.fromArgs(
                        "--subscription=projects/p/subscriptions/s", "--duckdbFile=" + file)
                .as(BronzeOptions.class);
        Pipeline pipeline = Pipeline.create(options);
        pipeline.apply(Create.of(List.of(messages)).withCoder(PubsubMessageWithAttributesAndMessageIdCoder.of()))
                .apply(new LandSalesEvents(options));
        pipeline.run().waitUntilFinish();
    }

    @Test
    void deadLettersOfRunsThatReuseMessageIdsAreAllKeptAndARedeliveryIsNotRepeated() {
        String file = dir.resolve("warehouse.duckdb").toString();
        land(file, message("1", "this is not json"));
        // The emulator restarted and numbers from "1" again: a different bad message, and the first one again.
        land(file, message("1", "{\"event_id\":\"e-9\"}"), message("1", "this is not json"));

        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(file));
        assertThat(warehouse.query(
                        "select pubsub_message_id || ': ' || payload_string"
                                + " from sales_bronze.sales_events_error_records order by 1",
                        r -> r.getString(1)))
                .containsExactly("1: this is not json", "1: {\"event_id\":\"e-9\"}");
        warehouse.close();
    }

    @Test
    void aRepeatedEventIdWithOtherContentIsDeadLetteredAndATrueDuplicateIsNot() {
        String file = dir.resolve("warehouse.duckdb").toString();
        land(file, message("m1", envelope("e-1", 0)));
        land(
                file,
                // republished by the relay: same event, new publish time and message id
                message("m2", envelope("e-1", 0).replace("2026-01-02T03:04:06.123Z", "2026-03-01T00:00:00Z")),
                message("m3", envelope("e-1", 0).replace("\"lines\":[]", "\"lines\":[1]")));

        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(file));
        assertThat(warehouse.query(
                        "select event_id || '@' || pubsub_message_id from sales_bronze.sales_events",
                        r -> r.getString(1)))
                .containsExactly("e-1@m1");
        assertThat(warehouse.query(
                        "select pubsub_message_id || ': ' || error_message"
                                + " from sales_bronze.sales_events_error_records",
                        r -> r.getString(1)))
                .containsExactly("m3: event_id 'e-1' has already landed in sales_bronze.sales_events with other"
                        + " content (payload differ; landed from Pub/Sub message m1): one event id must always carry"
                        + " the same event, so this message is kept here and the landed row stays as it is");
        warehouse.close();
    }

    @Test
    void deadLettersRevisionsBronzeDoesNotKnowForTheType() {
        String file = dir.resolve("warehouse.duckdb").toString();
        land(
                file,
                message("m1", envelope("e-1", 0).replace("\"event_revision\":null", "\"event_revision\":\"2\"")),
                message("m2", envelope("e-2", 0).replace("\"event_revision\":null", "\"event_revision\":\"3\"")),
                message("m3", envelope("e-3", 0).replace("SalePlacedEvent", "CustomerMovedEvent")),
                message(
                        "m4",
                        envelope("e-4", 0)
                                .replace("SalePlacedEvent", "CustomerMovedEvent")
                                .replace("\"event_revision\":null", "\"event_revision\":\"2\"")));

        DuckDbWarehouse warehouse = DuckDbWarehouse.open(Path.of(file));
        assertThat(warehouse.query(
                        "select event_id || ' ' || coalesce(event_revision, 'none')"
                                + " from sales_bronze.sales_events order by 1",
                        r -> r.getString(1)))
                .containsExactly("e-1 2", "e-3 none");
        assertThat(warehouse.query(
                        "select pubsub_message_id || ': ' || error_message"
                                + " from sales_bronze.sales_events_error_records order by 1",
                        r -> r.getString(1)))
                .containsExactly(
                        "m2: unknown event_revision '3' of SalePlacedEvent; known revisions: none, 2"
                                + " (events/event-types.txt)",
                        "m4: unknown event_revision '2' of CustomerMovedEvent; known revisions: none"
                                + " (events/event-types.txt)");
        warehouse.close();
    }

    @Test
    void theKnownRevisionsFollowTheEventsRevisionAnnotations() {
        // @EventRevision("2") on these four in events/; every other event class has none.
        for (String revised :
                List.of("CustomerRegisteredEvent", "ProductListedEvent", "StoreOpenedEvent", "SalePlacedEvent")) {
            assertThat(EventTypes.describeRevisions(revised)).isEqualTo("none, 2");
        }
        assertThat(EventTypes.known())
                .filteredOn(type -> !EventTypes.describeRevisions(type).equals("none, 2"))
                .allSatisfy(
                        type -> assertThat(EventTypes.describeRevisions(type)).isEqualTo("none"))
                .hasSize(11);
        assertThat(EventTypes.isKnownRevision("SalePlacedEvent", null)).isTrue();
        assertThat(EventTypes.isKnownRevision("SalePlacedEvent", "1")).isFalse();
        assertThat(EventTypes.isKnownRevision("SaleTeleportedEvent", null)).isFalse();
    }

    @Test
    void theKnownEventTypesComeFromOneResourceFile() {
        assertThat(EventTypes.known())
                .containsExactly(
                        "CustomerRegisteredEvent",
                        "ProductListedEvent",
                        "StoreOpenedEvent",
                        "SalePlacedEvent",
                        "CustomerMovedEvent",
                        "CustomerEmailChangedEvent",
                        "CustomerLoyaltyTierChangedEvent",
                        "ProductRepricedEvent",
                        "ProductRecategorisedEvent",
                        "ProductDiscontinuedEvent",
                        "StoreClosedEvent",
                        "SaleFulfilledEvent",
                        "SaleCancelledEvent",
                        "SaleRefundedEvent",
                        "ExchangeRatesPublishedEvent");
    }

    @Test
    void refusesADuckDbSinkWithoutAFileBeforeBuilding() {
        BronzeOptions options = PipelineOptionsFactory.fromArgs("--subscription=projects/p/subscriptions/s")
                .as(BronzeOptions.class);
        assertThatThrownBy(() -> BronzePipeline.build(options)).hasMessageContaining("--duckdbFile");
    }

    @Test
    void refusesABigQuerySinkWithoutACloudStorageTempLocation() {
        BronzeOptions options = PipelineOptionsFactory.fromArgs(
                        "--subscription=projects/p/subscriptions/s", "--sink=BIGQUERY", "--tempLocation=/tmp/x")
                .as(BronzeOptions.class);
        assertThatThrownBy(() -> BronzePipeline.build(options)).hasMessageContaining("gs://");
    }
}
