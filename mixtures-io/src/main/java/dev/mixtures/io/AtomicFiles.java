package dev.mixtures.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output whole or not at all: into a temporary file beside the target, then moved over
 * it. A failure part-way leaves the old file (or none) in place.
 */
public final class AtomicFiles {
    /** Writes text to a writer; may throw. */
    @FunctionalInterface
    public interface Body {
        /** Writes the content. */
        void write(Writer out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} atomically with {@code body}. */
    public static void write(Path target, Body body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(target + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new InputException(target + ": is a directory");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.write(w);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InputException(target + ": cannot be written: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The temporary file is ours and hidden; nothing more can be done.
                }
            }
        }
    }
}
