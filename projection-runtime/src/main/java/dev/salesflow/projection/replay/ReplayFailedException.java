package dev.salesflow.projection.replay;

/** A replay that did not complete; its message says what happened to the tables and what to do. */
public class ReplayFailedException extends RuntimeException {

    public ReplayFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
