package dev.mixtures;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, as the build stamped it; stored in model files and shown by {@code mixtures --version}. */
public final class Version {
    /** The version string, for example "0.1.0". */
    public static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
