package dev.salesflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void aMalformedEventTypesLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> EventTypes.parse("# types\nSalePlacedEvent 2\nSaleCancelledEvent\n", "x.txt"))
                .hasMessage("x.txt line 3: expected '<EventType> <revision>[,<revision>…]' (none for events without"
                        + " a revision), was 'SaleCancelledEvent'");
        assertThatThrownBy(() -> EventTypes.parse("A 1\nA 2\n", "x.txt")).hasMessage("x.txt line 2: A is listed twice");
        assertThat(EventTypes.parse("A none,2\n\nB 3\n", "x.txt"))
                .containsEntry("A", Set.of("none", "2"))
                .containsEntry("B", Set.of("3"));
    }
}
