package dev.salesflow.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The event types of the contract, which bronze accepts and the relay publishes, read once from the class-path resource {@value #RESOURCE}
 * (one simple class name a line, {@code #} starts a comment). Adding an event type is one line there.
 */
public final class EventTypes {

    public static final String RESOURCE = "events/event-types.txt";

    private static final Set<String> KNOWN = load();

    private EventTypes() {
    }

    /** The known types, in the order of the resource file. */
    public static Set<String> known() {
        return KNOWN;
    }

    public static boolean isKnown(String eventType) {
        return KNOWN.contains(eventType);
    }

    private static Set<String> load() {
        InputStream in = EventTypes.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("class-path resource " + RESOURCE + " is missing");
        }
        Set<String> types = new LinkedHashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String type = line.strip();
                if (!type.isEmpty() && !type.startsWith("#")) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        if (types.isEmpty()) {
            throw new IllegalStateException(RESOURCE + " lists no event type");
        }
        return Collections.unmodifiableSet(types);
    }
}
