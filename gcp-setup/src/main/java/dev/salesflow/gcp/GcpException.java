package dev.salesflow.gcp;

/** A failure of setup or check whose message says what went wrong and what to do. */
public class GcpException extends RuntimeException {

    public GcpException(String message, Throwable cause) {
        super(message, cause);
    }

    public GcpException(String message) {
        super(message);
    }
}
