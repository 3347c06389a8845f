package dev.salesflow.relay;

/**
 * What the relay needs to know, handed over by the application from its bound settings.
 *
 * @param topic         the topic every event is published to
 * @param subscription  bronze's subscription on it
 * @param createMissing create the topic and subscription at start-up if they are missing
 */
public record RelaySettings(String topic, String subscription, boolean createMissing) {
}
