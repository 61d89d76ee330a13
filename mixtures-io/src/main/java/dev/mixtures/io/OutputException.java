package dev.mixtures.io;

/**
 * An output that could not be written although its location was fine when checked: the disk
 * filled, the file grew past a limit, the device failed, standard output was closed. Not the
 * input's fault, so not an {@link InputException}: the CLI gives it its own exit code (3).
 */
public class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with this message and cause. */
    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
