package dev.salesflow.app.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code salesflow.shutdown.*}.
 *
 * @param drainTimeout how long shutdown waits for every stored event to land in bronze (0s: not at all)
 */
@ConfigurationProperties("salesflow.shutdown")
public record ShutdownProperties(@DefaultValue("30s") Duration drainTimeout) {

    public ShutdownProperties {
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "salesflow.shutdown.drain-timeout must not be negative, got " + drainTimeout);
        }
    }
}
