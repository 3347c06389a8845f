package dev.salesflow.app.pubsub;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.spring.core.GcpProjectIdProvider;
import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import java.io.UncheckedIOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Pub/Sub emulator of the local mode. Spring Cloud GCP reaches it through
 * {@code spring.cloud.gcp.pubsub.emulator-host}; the bronze job through gRPC too (batch read path; the
 * REST endpoint serves Beam's PubsubIO if the job is switched to {@code --readPath=PUBSUB_IO}).
 */
@Configuration
@ConditionalOnProperty(name = "salesflow.pubsub.emulator.enabled", havingValue = "true", matchIfMissing = true)
public class EmbeddedPubSubConfiguration {

    /** With Spring Cloud GCP's core switched off locally, the project id comes from our settings. */
    @Bean
    GcpProjectIdProvider gcpProjectIdProvider(SalesflowProperties properties) {
        return () -> properties.pubsub().projectId();
    }

    /** The emulator needs no credentials, and a laptop has none. */
    @Bean
    CredentialsProvider googleCredentials() {
        return NoCredentialsProvider.create();
    }

    @Bean(destroyMethod = "close")
    PubSubEmulator pubSubEmulator(SalesflowProperties properties) {
        SalesflowProperties.Emulator emulator = properties.pubsub().emulator();
        try {
            return PubSubEmulator.start(new EmulatorSettings(
                    emulator.host(), emulator.grpcPort(), emulator.restPort(), EmulatorSettings.DEFAULT_MAX_BACKLOG));
        } catch (UncheckedIOException e) {
            throw new IllegalStateException(
                    "The embedded Pub/Sub emulator cannot listen on " + emulator.host() + ":"
                            + emulator.grpcPort() + " (gRPC) and :" + emulator.restPort() + " (REST): "
                            + e.getCause().getMessage()
                            + ". Is another salesflow running? Stop it, or choose other ports with"
                            + " --salesflow.pubsub.emulator.grpc-port=<port> --salesflow.pubsub.emulator.rest-port=<port>",
                    e);
        }
    }
}
