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

    /** Writes bytes to a stream; may throw. */
    @FunctionalInterface
    public interface BinaryBody {
        /** Writes the content. */
        void write(java.io.OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * A temporary file is created readable by its owner only; the output gets the permissions of
     * the file it replaces, or else rw-r--r-- (what a usual umask gives a new file).
     */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> p = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, p);
    }

    /** Writes text (UTF-8) to {@code target} atomically with {@code body}. */
    public static void write(Path target, Body body) {
        writeBinary(target, out -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        });
    }

    /** Writes bytes to {@code target} atomically with {@code body}. */
    public static void writeBinary(Path target, BinaryBody body) {
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
            permissions(tmp, abs);
            try (java.io.OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(o);
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
