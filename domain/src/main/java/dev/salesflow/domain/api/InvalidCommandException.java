package dev.salesflow.domain.api;

/**
 * A command broke a rule of the domain. The message names the rule, the offending value and the
 * aggregate, so that whoever sent the command can correct it.
 */
public class InvalidCommandException extends RuntimeException {

    public InvalidCommandException(String message) {
        super(message);
    }
}
