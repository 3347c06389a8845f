package dev.salesflow.app.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.spring.autoconfigure.core.GcpContextAutoConfiguration;
import com.google.cloud.spring.autoconfigure.pubsub.GcpPubSubAutoConfiguration;
import com.google.cloud.spring.autoconfigure.pubsub.GcpPubSubEmulatorAutoConfiguration;
import com.google.cloud.spring.core.GcpProjectIdProvider;
import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import com.google.cloud.spring.pubsub.support.AcknowledgeablePubsubMessage;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.app.pubsub.EmbeddedPubSubConfiguration;
import dev.salesflow.app.warehouse.TableStoreConfiguration;
import dev.salesflow.app.warehouse.WarehouseProperties;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import dev.salesflow.relay.BatchPublisher;
import dev.salesflow.relay.PublisherStubs;
import dev.salesflow.warehouse.bigquery.BigQueryQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The application's Pub/Sub and warehouse wiring in the {@code gcp} profile, as application.yml and
 * application-gcp.yml configure it, with only the endpoints overridden: Pub/Sub's to the project's
 * in-JVM emulator standing in for Cloud Pub/Sub, BigQuery's to an address nothing is sent to. No
 * embedded emulator starts; the relay's publisher (built as RelayConfiguration builds it, from Spring
 * Cloud GCP's settings) publishes to the topic and the events arrive on the bronze subscription.
 */
class GcpProfileTest {

    static final String PROJECT = "demo-project";

    @Configuration
    @EnableConfigurationProperties({SalesflowProperties.class, WarehouseProperties.class})
    @ImportAutoConfiguration({
        GcpContextAutoConfiguration.class,
        GcpPubSubAutoConfiguration.class,
        GcpPubSubEmulatorAutoConfiguration.class
    })
    @Import({EmbeddedPubSubConfiguration.class, TableStoreConfiguration.class})
    static class PubSubAndWarehouseWiring {}

    private final PubSubEmulator cloudStandIn = PubSubEmulator.start(EmulatorSettings.ephemeral());

    @AfterEach
    void stop() {
        cloudStandIn.close();
    }

    private ConfigurableApplicationContext gcpProfile() {
        return new SpringApplicationBuilder(PubSubAndWarehouseWiring.class)
                .web(WebApplicationType.NONE)
                .profiles("gcp")
                // command-line arguments: above the environment, as a deployment's variables would be
                .run(
                        // what a deployment sets (docs/gcp.md, "Run the application in gcp mode")
                        "--GOOGLE_CLOUD_PROJECT=" + PROJECT,
                        "--SALESFLOW_REGION=europe-west1",
                        // the endpoint overrides, nothing else
                        "--spring.cloud.gcp.pubsub.emulator-host=" + cloudStandIn.grpcTarget(),
                        "--salesflow.warehouse.bigquery.host=http://127.0.0.1:9");
    }

    @Test
    void theGcpProfileStartsNoEmulatorAndTakesProjectAndLocationFromConfiguration() {
        try (ConfigurableApplicationContext context = gcpProfile()) {
            assertThat(context.getBeansOfType(PubSubEmulator.class)).isEmpty();
            SalesflowProperties settings = context.getBean(SalesflowProperties.class);
            assertThat(settings.pubsub().emulator().enabled()).isFalse();
            assertThat(settings.pubsub().createMissing()).isFalse();
            assertThat(settings.pubsub().projectId()).isEqualTo(PROJECT);
            assertThat(settings.bronze().enabled()).isFalse();
            assertThat(settings.marts().refreshInterval()).isEqualTo(Duration.ofMinutes(15));
            assertThat(context.getBean(GcpProjectIdProvider.class).getProjectId())
                    .isEqualTo(PROJECT);
            assertThat(context.getBean(QueryEngine.class)).isInstanceOf(BigQueryQueryEngine.class);
            WarehouseProperties warehouse = context.getBean(WarehouseProperties.class);
            assertThat(warehouse.kind()).isEqualTo(WarehouseProperties.Kind.BIGQUERY);
            // the one place: the region given to gcp setup is where the datasets are looked for
            assertThat(warehouse.bigquery().location()).isEqualTo("europe-west1");
            assertThat(warehouse.bigquery().project()).isEqualTo(PROJECT);
        }
    }

    @Test
    void theRelaysPublisherPublishesThroughTheGcpWiringAndEventsArriveOnTheSubscription() throws Exception {
        try (ConfigurableApplicationContext context = gcpProfile()) {
            // gcp setup's part (the application never creates them in the gcp profile)
            PubSubAdmin admin = context.getBean(PubSubAdmin.class);
            admin.createTopic("sales-events");
            admin.createSubscription("sales-events-bronze", "sales-events");

            try (BatchPublisher relay = new BatchPublisher(
                    PublisherStubs.create(context.getBean(TopicAdminSettings.class), Duration.ofSeconds(30)),
                    "projects/" + PROJECT + "/topics/sales-events")) {
                relay.publish(
                        List.of(event("e-1", "sale-1"), event("e-2", "sale-1"), event("e-3", "sale-2")),
                        Duration.ofSeconds(30));
            }
            // and Spring's template of the same wiring
            context.getBean(PubSubTemplate.class)
                    .publish("sales-events", "{\"event_id\":\"e-4\"}")
                    .get();

            PubSubTemplate subscriber = context.getBean(PubSubTemplate.class);
            List<String> arrived = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (AcknowledgeablePubsubMessage message : subscriber.pull("sales-events-bronze", 10, true)) {
                    arrived.add(message.getPubsubMessage().getData().toStringUtf8());
                    message.ack().get();
                }
                return arrived.size() >= 4;
            });
            assertThat(arrived)
                    .containsExactlyInAnyOrder(
                            "{\"event_id\":\"e-1\"}",
                            "{\"event_id\":\"e-2\"}",
                            "{\"event_id\":\"e-3\"}",
                            "{\"event_id\":\"e-4\"}");
            assertThat(cloudStandIn.backlog("projects/" + PROJECT + "/subscriptions/sales-events-bronze"))
                    .isZero();
        }
    }

    private static PubsubMessage event(String id, String aggregate) {
        return PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom("{\"event_id\":\"" + id + "\"}", StandardCharsets.UTF_8))
                .putAttributes("event_id", id)
                .setOrderingKey(aggregate)
                .build();
    }
}
