package dev.mixtures;

/**
 * Data, a setting or a saved model that the library refuses: the message names what is wrong and
 * where (the setting, the column, FILE:ROW:COLUMN). Only this type (and its subclasses) means
 * "the caller's input"; any other exception from the library is a fault of the library, which the
 * command line reports as an internal error. It extends {@link IllegalArgumentException} so that
 * callers who catch that keep working.
 */
public class BadInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error with this message. */
    public BadInputException(String message) {
        super(message);
    }

    /** An error with this message and cause. */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
