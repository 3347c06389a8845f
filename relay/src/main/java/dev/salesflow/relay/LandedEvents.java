package dev.salesflow.relay;

import java.util.Collection;
import java.util.Set;

/**
 * The relay's one question to bronze, answered by whoever owns bronze's storage: which of these
 * events have landed? A dead-lettered message is not a landed event.
 */
public interface LandedEvents {

    /** The ids among {@code eventIds} that bronze holds as landed events. */
    Set<String> landedOf(Collection<String> eventIds);
}
