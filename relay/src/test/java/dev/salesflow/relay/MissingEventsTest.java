package dev.salesflow.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.eventstore.StoredEventId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery and the drain decide by event ids. The store's order and bronze's rows are kept in
 * plain collections here; the DuckDB side of the port is tested in the application
 * (BronzeLandedEventsTest).
 */
class MissingEventsTest {

    private final List<StoredEventId> store = new ArrayList<>();
    /** What bronze holds as landed events: may include rows the store does not know. */
    private final Set<String> bronze = new HashSet<>();

    private final List<Integer> askedPageSizes = new ArrayList<>();

    private MissingEvents missingEvents(int pageSize) {
        LandedEvents landed = ids -> {
            askedPageSizes.add(ids.size());
            return landedAmong(ids);
        };
        return new MissingEvents(
                (after, size) -> store.stream()
                        .filter(event -> event.globalIndex() > after)
                        .limit(size)
                        .toList(),
                landed,
                pageSize);
    }

    private Set<String> landedAmong(Collection<String> ids) {
        Set<String> found = new HashSet<>(ids);
        found.retainAll(bronze);
        return found;
    }

    private void stored(int count) {
        for (int i = 1; i <= count; i++) {
            store.add(new StoredEventId(i * 2L, "event-" + i)); // global indexes may have gaps
        }
    }

    @Test
    void extraRowsInBronzeDoNotHideAMissingEvent() {
        stored(5);
        bronze.addAll(List.of("event-1", "event-2", "event-4", "event-5"));
        // Two rows the store does not hold (a test row, another store's event): bronze has 6 rows for
        // 5 stored events, so a count would call it caught up.
        bronze.addAll(List.of("foreign-1", "foreign-2"));
        assertThat(bronze.size()).isGreaterThanOrEqualTo(store.size());

        MissingEvents.Missing missing = missingEvents(2).find();

        assertThat(missing.eventIds()).containsExactly("event-3");
        assertThat(missing.firstGlobalIndex()).isEqualTo(6);
        assertThat(askedPageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void nothingIsMissingWhenEveryStoredIdHasLanded() {
        stored(3);
        bronze.addAll(List.of("event-1", "event-2", "event-3"));

        MissingEvents.Missing missing = missingEvents(10).find();

        assertThat(missing.none()).isTrue();
        assertThat(missing.firstGlobalIndex()).isEqualTo(-1);
    }

    @Test
    void theDrainCountsWhatIsMissingAndDoesNotAskAgainAboutEventsKnownToHaveLanded() {
        stored(6);
        bronze.addAll(List.of("event-1", "event-2", "event-3", "event-5"));
        MissingEvents missing = missingEvents(2);

        assertThat(missing.countMissing(100)).isEqualTo(2);
        bronze.add("event-4");
        askedPageSizes.clear();
        assertThat(missing.countMissing(100)).isEqualTo(1);
        // event-1 to event-3 had landed in order: the second look starts after them (event-4 to event-6).
        assertThat(askedPageSizes).containsExactly(2, 1);
        bronze.add("event-6");
        assertThat(missing.countMissing(100)).isZero();
    }

    @Test
    void theDrainStopsCountingAtItsLimit() {
        stored(10);

        assertThat(missingEvents(3).countMissing(4)).isBetween(4, 6);
    }
}
