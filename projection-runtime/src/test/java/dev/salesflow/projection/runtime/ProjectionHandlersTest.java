package dev.salesflow.projection.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.salesflow.warehouse.table.TableSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;

/** The typed dispatch both the live processor and a replay use. */
class ProjectionHandlersTest {

    interface Animal {}

    record Dog(String name) implements Animal {}

    record Cat(String name) implements Animal {}

    record Stone() {}

    @ProcessingGroup("zoo")
    static final class Zoo implements Projection {
        final List<String> seen = new ArrayList<>();

        @Override
        public List<TableSpec> tables() {
            return List.of();
        }

        @EventHandler
        void on(Dog dog, EventContext event, ProjectionRows rows) {
            seen.add("dog " + dog.name() + " #" + event.sequenceNumber());
        }

        @EventHandler
        void on(Animal animal) {
            seen.add("animal " + animal);
        }

        @EventHandler
        void on(Stone stone, EventContext event) throws SQLException {
            throw new SQLException("stone " + event.eventId());
        }
    }

    private static final EventContext EVENT = new EventContext("e-1", "a-1", 3);

    @Test
    void eachPayloadGoesToTheHandlerOfItsMostSpecificType() {
        Zoo zoo = new Zoo();
        zoo.handle(new Dog("Rex"), EVENT, null);
        zoo.handle(new Cat("Tom"), EVENT, null);
        zoo.handle("not handled", EVENT, null);
        assertThat(zoo.seen).containsExactly("dog Rex #3", "animal Cat[name=Tom]");
        assertThat(zoo.name()).isEqualTo("zoo");
    }

    @Test
    void aHandlersExceptionGoesOnUnchanged() {
        assertThatThrownBy(() -> new Zoo().handle(new Stone(), EVENT, null))
                .isInstanceOf(SQLException.class)
                .hasMessage("stone e-1");
    }

    static final class Ungrouped implements Projection {
        @Override
        public List<TableSpec> tables() {
            return List.of();
        }

        @EventHandler
        void on(Dog dog) {}
    }

    @ProcessingGroup("bad")
    static final class BadSignature implements Projection {
        @Override
        public List<TableSpec> tables() {
            return List.of();
        }

        @EventHandler
        void on(Dog dog, String extra) {}
    }

    @ProcessingGroup("twice")
    static final class TwoForOneType implements Projection {
        @Override
        public List<TableSpec> tables() {
            return List.of();
        }

        @EventHandler
        void on(Dog dog) {}

        @EventHandler
        void again(Dog dog, EventContext event) {}
    }

    @Test
    void malformedProjectionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Projection.check(new Ungrouped())).hasMessageContaining("has no @ProcessingGroup");
        assertThatThrownBy(() -> Projection.check(new BadSignature())).hasMessageContaining("parameter 2 is a String");
        assertThatThrownBy(() -> Projection.check(new TwoForOneType()))
                .hasMessageContaining("two @EventHandler methods for Dog");
    }
}
