package dev.salesflow.relay;

import java.time.Duration;

/**
 * What the relay needs to know, handed over by the application from its bound settings.
 *
 * @param topic         the topic every event is published to
 * @param subscription  bronze's subscription on it
 * @param createMissing create the topic and subscription at start-up if they are missing
 * @param drainTimeout  how long shutdown waits for every stored event to land in bronze
 */
public record RelaySettings(String topic, String subscription, boolean createMissing, Duration drainTimeout) {}
