package dev.mixtures.io;

/**
 * Bad input from a file or a setting: the message names what is wrong and where
 * ({@code FILE:ROW:COLUMN: reason} for data cells). The CLI turns it into exit code 2.
 */
public class InputException extends dev.mixtures.BadInputException {
    private static final long serialVersionUID = 1L;

    /** An error with this message. */
    public InputException(String message) {
        super(message);
    }

    /** An error with this message and cause. */
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
