package dev.mixtures.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the JSON files a user hands over (model files, start files) as hostile input: parsed as a
 * stream (a device or a file of NULs fails at its first byte, not when memory runs out), at most
 * {@link #MAX_BYTES} long, within Jackson's limits on nesting, string and number length; every
 * failure is an {@link InputException} naming the file and, where the parser knows it, the line
 * and column.
 */
public final class JsonInput {
    /**
     * The longest JSON file read: far above any model this version writes (k = 1,000 full
     * covariances in 100 dimensions make about 250 MB), and below what a heap of a few GB holds as a tree.
     */
    public static final long MAX_BYTES = 1L << 30;

    private static final ObjectMapper READER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_BYTES).build()).build());

    private JsonInput() {
    }

    /**
     * The JSON tree of {@code file}, a {@code what} ("model file", "start file") for messages;
     * null for an empty file.
     *
     * @throws InputException naming the file and what is wrong
     */
    public static JsonNode read(Path file, String what) {
        String name = file.toString();
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new InputException(name + ": " + Files.size(file) + " bytes, larger than any " + what
                        + " this version reads (" + MAX_BYTES + ")");
            }
            // Decoded strictly here: Jackson's own decoding names a Latin-1 byte as a wrong end of input.
            try (InputStream in = Files.newInputStream(file);
                    java.io.Reader text = new java.io.InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
                return READER.readTree(text);
            }
        } catch (CharacterCodingException e) {
            throw new InputException(name + ": not a valid " + what + ": not UTF-8 text (a " + what
                    + " is JSON in UTF-8)", e);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such " + what);
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": not a valid " + what + ": " + describe(e), e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + AtomicFiles.reason(e), e);
        }
    }

    /** The JSON tree of {@code text}, named {@code name} in messages. */
    static JsonNode read(String text, String name, String what) {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": not a valid " + what + ": " + describe(e), e);
        }
    }

    /** What the parser says, in a line: the reason and, when known, where. */
    static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        // Jackson names the setting that holds its limit; the user cannot change it.
        m = m.replaceAll(",? from `StreamReadConstraints[^`]*`", "").replaceAll("\\s+", " ").trim();
        if (m.length() > 200) {
            m = m.substring(0, 200) + "…";
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return "JSON syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + m;
        }
        return m;
    }
}
