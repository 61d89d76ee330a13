package dev.mixtures.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an output whole or not at all: into a temporary file beside the target, forced to disk,
 * then moved over it (and the folder forced, so that the move survives a crash). A failure
 * part-way leaves the old file (or none) in place; a signal that ends the JVM (SIGTERM, SIGINT)
 * runs a shutdown hook that removes the temporary files still open. Only regular files are
 * written: a device, pipe or socket would be replaced by the move, so it is refused.
 */
public final class AtomicFiles {
    /** The outputs of the work in {@link #allOrNone} on this thread: {temporary, target} pairs. */
    private static final ThreadLocal<java.util.List<Path[]>> STAGED = new ThreadLocal<>();

    /** Temporary files written but not yet moved or removed. */
    private static final java.util.Set<Path> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Hidden and ours; the JVM is going.
                }
            }
        }, "mixtures-temporary-files"));
    }

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
     * A temporary file beside {@code target} with the permissions the output should have: those of
     * the file it replaces, or for a new file what the process's umask gives (the file is created
     * as any new file is, 0666 less the umask, not with a fixed mode).
     */
    private static Path temporary(Path dir, Path target) throws IOException {
        String base = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(base + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                PENDING.add(tmp);
                Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                PENDING.remove(tmp);
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            if (Files.exists(target) && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
            return tmp;
        }
    }

    /** Writes text (UTF-8) to {@code target} atomically with {@code body}. */
    public static void write(Path target, Body body) {
        writeBinary(target, out -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        });
    }

    /**
     * Fails unless {@link #write} could write {@code target} now: its folder exists, it is not a
     * folder itself, and a file can be created in that folder (permissions, a read-only file
     * system, no space for a new file). Commands call it for every output before they fit, so that
     * a bad output location costs no fit and leaves no other output written.
     *
     * @param what the option naming the output (say "--labels"), for the message
     * @throws InputException naming the option, the file and what is wrong
     */
    public static void checkTarget(Path target, String what) {
        Path dir = folder(target, what + " " + target);
        try {
            Files.delete(Files.createTempFile(dir, "." + target.toAbsolutePath().getFileName(), ".check"));
        } catch (IOException e) {
            throw new InputException(what + " " + target + ": cannot be written: " + reason(e), e);
        }
    }

    /** The folder {@code target} goes in, when it exists and {@code target} is not a folder itself. */
    private static Path folder(Path target, String name) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InputException(name + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new InputException(name + ": is a directory");
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            throw new InputException(name + ": not a regular file (a device, a pipe or a socket), which writing an"
                    + " output would replace; '-' writes to standard output");
        }
        return dir;
    }

    /** What an I/O failure says, without the temporary file's name where the exception gives only that. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    /** Moves a written temporary file over its target and forces the folder. */
    private static void move(Path tmp, Path abs) throws IOException {
        try {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(abs.getParent());
    }

    /**
     * Runs {@code work} with every output it writes through this class held back: each is written
     * whole to its temporary file and forced to disk, and only when {@code work} is done and
     * {@code success} accepts its result are they all moved into place, one after another (renames:
     * the window in which a failure could leave some moved is a few system calls). Otherwise, or
     * when {@code work} throws, every temporary file is removed and no output is touched. So a
     * command with several outputs (a model, labels, a figure) writes all or none. Nested calls
     * join the outer one.
     */
    public static <T> T allOrNone(java.util.function.Supplier<T> work, java.util.function.Predicate<T> success) {
        if (STAGED.get() != null) {
            return work.get();
        }
        java.util.List<Path[]> staged = new java.util.ArrayList<>();
        STAGED.set(staged);
        int moved = 0;
        try {
            T result = work.get();
            STAGED.remove();
            if (success.test(result)) {
                for (Path[] p : staged) {
                    try {
                        move(p[0], p[1]);
                    } catch (IOException e) {
                        throw new OutputException(p[1] + ": cannot be written: " + reason(e), e);
                    }
                    PENDING.remove(p[0]);
                    moved++;
                }
            }
            return result;
        } finally {
            STAGED.remove();
            for (int i = moved; i < staged.size(); i++) {
                try {
                    Files.deleteIfExists(staged.get(i)[0]);
                } catch (IOException ignored) {
                    // Hidden and ours; the shutdown hook tries again.
                }
                PENDING.remove(staged.get(i)[0]);
            }
        }
    }

    /** Forces a folder's entries (the move just made) to disk where the system allows it. */
    private static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Not every system opens a folder so; the file itself was forced.
        }
    }

    /** Writes bytes to {@code target} atomically with {@code body}. */
    public static void writeBinary(Path target, BinaryBody body) {
        Path abs = target.toAbsolutePath();
        Path dir = folder(target, target.toString());
        Path tmp = null;
        try {
            tmp = temporary(dir, abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    java.io.OutputStream o = new java.io.BufferedOutputStream(Channels.newOutputStream(ch))) {
                body.write(o);
                o.flush();
                ch.force(true);
            }
            java.util.List<Path[]> staged = STAGED.get();
            if (staged != null) {
                // Moved with the others when the whole command has succeeded (allOrNone).
                staged.add(new Path[] {tmp, abs});
                tmp = null;
                return;
            }
            move(tmp, abs);
            PENDING.remove(tmp);
            tmp = null;
        } catch (java.nio.file.AccessDeniedException | java.nio.file.NoSuchFileException e) {
            // The location itself (checked before a fit, but it may have changed since).
            throw new InputException(target + ": cannot be written: " + reason(e), e);
        } catch (IOException e) {
            throw new OutputException(target + ": cannot be written: " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The temporary file is ours and hidden; nothing more can be done.
                }
                PENDING.remove(tmp);
            }
        }
    }
}
