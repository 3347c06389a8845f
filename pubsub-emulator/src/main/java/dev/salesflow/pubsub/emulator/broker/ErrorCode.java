package dev.salesflow.pubsub.emulator.broker;

/**
 * Canonical error codes the broker can report. They mirror the names of {@code google.rpc.Code} so
 * that each front-end (gRPC, REST) can map them without the broker depending on either transport.
 */
public enum ErrorCode {
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    RESOURCE_EXHAUSTED,
    FAILED_PRECONDITION,
    UNAVAILABLE
}
