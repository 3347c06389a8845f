package dev.salesflow.warehouse;

/** A warehouse statement or connection failed; the message carries the statement and the cause. */
public class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
