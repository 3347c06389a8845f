package dev.salesflow.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The event types of the contract (bronze accepts them, the relay publishes them) and the revisions it knows of each, read once from the class-path
 * resource {@value #RESOURCE}: one line a type, {@code <simple class name> <revision>[,<revision>…]},
 * where {@value #NO_REVISION} stands for an envelope whose {@code event_revision} is null (an event
 * class without {@code @EventRevision}); {@code #} starts a comment. Adding an event type or a revision
 * is one line, or one word, there.
 */
public final class EventTypes {

    public static final String RESOURCE = "events/event-types.txt";

    /** In the resource: the revision of an envelope whose {@code event_revision} is null. */
    public static final String NO_REVISION = "none";

    private static final Map<String, Set<String>> KNOWN = parse(read(), RESOURCE);

    private EventTypes() {}

    /** The known types, in the order of the resource file. */
    public static Set<String> known() {
        return KNOWN.keySet();
    }

    public static boolean isKnown(String eventType) {
        return KNOWN.containsKey(eventType);
    }

    /** Whether {@code revision} ({@code null}: none) is one bronze knows for the known {@code eventType}. */
    public static boolean isKnownRevision(String eventType, String revision) {
        Set<String> revisions = KNOWN.get(eventType);
        return revisions != null && revisions.contains(revision == null ? NO_REVISION : revision);
    }

    /** The known revisions of a type as the resource lists them, e.g. {@code none, 2}. */
    public static String describeRevisions(String eventType) {
        return String.join(", ", KNOWN.getOrDefault(eventType, Set.of()));
    }

    private static String read() {
        InputStream in = EventTypes.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("class-path resource " + RESOURCE + " is missing");
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses the resource's text; a malformed line fails with its number, so a bad edit cannot start a job. */
    static Map<String, Set<String>> parse(String text, String source) {
        Map<String, Set<String>> types = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] parts = content.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException(
                            source + " line " + number + ": expected '<EventType> <revision>" + "[,<revision>…]' ("
                                    + NO_REVISION + " for events without a revision), was '" + content + "'");
                }
                Set<String> revisions = new LinkedHashSet<>();
                for (String revision : parts[1].split(",")) {
                    if (revision.isBlank()) {
                        throw new IllegalStateException(
                                source + " line " + number + ": empty revision in '" + content + "'");
                    }
                    revisions.add(revision.strip());
                }
                if (types.put(parts[0], Collections.unmodifiableSet(revisions)) != null) {
                    throw new IllegalStateException(source + " line " + number + ": " + parts[0] + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (types.isEmpty()) {
            throw new IllegalStateException(source + " lists no event type");
        }
        return Collections.unmodifiableMap(types);
    }
}
