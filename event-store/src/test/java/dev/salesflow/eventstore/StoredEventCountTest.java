package dev.salesflow.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class StoredEventCountTest {

    /** Rows by global index, with every range the counter walked. */
    static final class Rows implements StoredEventCount.Rows {
        final TreeSet<Long> indexes = new TreeSet<>();
        final List<long[]> walked = new ArrayList<>();

        @Override
        public long countBetween(long after, long through) {
            walked.add(new long[] {after, through});
            return indexes.subSet(after, false, through, true).size();
        }

        @Override
        public Long head() {
            return indexes.isEmpty() ? null : indexes.last();
        }

        void add(long... globalIndexes) {
            for (long index : globalIndexes) {
                indexes.add(index);
            }
        }
    }

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void countsEveryRowIncludingOnesCommittedBelowTheHeadAfterItWasRead() {
        Rows rows = new Rows();
        MovingClock clock = new MovingClock();
        StoredEventCount count = new StoredEventCount(rows, clock);
        assertThat(count.count()).isZero();

        rows.add(1, 2, 4, 5); // 3 still being committed by another command thread
        assertThat(count.count()).isEqualTo(4);
        clock.now = clock.now.plusSeconds(1);
        rows.add(3, 6);
        assertThat(count.count()).isEqualTo(6);

        // Past the settle time, the rows through the head read then are walked once and remembered.
        clock.now = clock.now.plus(StoredEventCount.SETTLE);
        rows.add(7);
        assertThat(count.count()).isEqualTo(7);
        rows.walked.clear();
        clock.now = clock.now.plusSeconds(1);
        rows.add(9, 10);
        assertThat(count.count()).isEqualTo(9);
        assertThat(rows.walked)
                .as("only the rows above the settled index are walked again")
                .allSatisfy(range -> assertThat(range[0]).isGreaterThanOrEqualTo(5));

        // A late commit below the head, within the settle time, is still counted.
        rows.add(8);
        assertThat(count.count()).isEqualTo(10);
        clock.now = clock.now.plus(StoredEventCount.SETTLE.plus(Duration.ofSeconds(1)));
        assertThat(count.count()).isEqualTo(10);
        assertThat(count.count()).isEqualTo(rows.indexes.size());
    }
}
