package dev.salesflow.pubsub.emulator.broker;

import java.util.List;

/**
 * One page of a list result. {@code nextPageToken} is empty when there is nothing more, which is
 * how the Pub/Sub API signals the last page.
 */
public record Page<T>(List<T> items, String nextPageToken) {

    public Page {
        items = List.copyOf(items);
        nextPageToken = nextPageToken == null ? "" : nextPageToken;
    }
}
