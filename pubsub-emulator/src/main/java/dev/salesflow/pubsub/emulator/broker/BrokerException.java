package dev.salesflow.pubsub.emulator.broker;

/** A request the broker refuses; {@link #code()} tells the front-end which status to answer with. */
public final class BrokerException extends RuntimeException {

    private final ErrorCode code;

    public BrokerException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    static BrokerException notFound(String what, String name) {
        return new BrokerException(ErrorCode.NOT_FOUND, what + " not found: " + name);
    }

    static BrokerException invalid(String message) {
        return new BrokerException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
