package dev.salesflow.domain.upcasting;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Events stored before the contract had its own module name their payload type
 * {@code dev.salesflow.domain.api.<aggregate>.<Event>}; today that record is
 * {@code dev.salesflow.events.<aggregate>.<Event>}, with the same fields and revision. Only the
 * type name changes; the JSON and the revision pass through, so the revision upcasters run after.
 */
final class ContractPackageUpcaster extends SingleEventUpcaster {

    static final String OLD_PACKAGE = "dev.salesflow.domain.api.";
    static final String NEW_PACKAGE = "dev.salesflow.events.";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().startsWith(OLD_PACKAGE);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String name = representation.getType().getName();
        SimpleSerializedType moved = new SimpleSerializedType(
                NEW_PACKAGE + name.substring(OLD_PACKAGE.length()),
                representation.getType().getRevision());
        return representation.upcastPayload(moved, byte[].class, json -> json);
    }
}
