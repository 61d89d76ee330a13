package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command's jar bundles its dependencies, so it must carry their licences: META-INF/NOTICE names
 * every library on the runtime class path and FastCSV's MIT text is there. A dependency added
 * without its notice fails here.
 */
class NoticesTest {
    /** Maven group paths of the libraries this module bundles, and the name NOTICE gives each. */
    private static final Map<String, String> BUNDLED = Map.of(
            "com/fasterxml/jackson", "Jackson",
            "de/siegmar", "FastCSV",
            "io/airlift", "aircompressor",
            "info/picocli", "picocli");
    /** Test-only libraries on the test class path, not bundled. */
    private static final List<String> TEST_ONLY = List.of("org/junit", "org/opentest4j", "org/apiguardian",
            "com/code-intelligence");

    @Test
    void everyBundledLibraryIsNamedWithItsLicence() throws IOException {
        String notice = resource("META-INF/NOTICE");
        assertTrue(notice.startsWith("mixtures"), "this module's NOTICE, not a dependency's: " + notice);
        assertTrue(resource("META-INF/licenses/FastCSV-LICENSE.txt").startsWith("MIT License"));
        assertTrue(resource("META-INF/LICENSE").contains("Apache License"));
        List<String> unnamed = new ArrayList<>();
        // Surefire runs tests from a manifest-only jar and says the real class path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            String path = entry.replace(File.separatorChar, '/');
            if (!path.endsWith(".jar") || !path.contains("/repository/") || path.contains("/dev/mixtures/")
                    || TEST_ONLY.stream().anyMatch(path::contains)) {
                continue;
            }
            String name = BUNDLED.entrySet().stream().filter(e -> path.contains("/repository/" + e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (name == null || !notice.contains(name)) {
                unnamed.add(path.substring(path.indexOf("/repository/") + 12));
            }
        }
        assertTrue(unnamed.isEmpty(), "bundled without a notice in META-INF/NOTICE: " + unnamed);
    }

    /** This module's own copy of a resource (dependencies and the test runner have files of the same name). */
    private static String resource(String name) throws IOException {
        for (java.net.URL url : java.util.Collections.list(NoticesTest.class.getClassLoader().getResources(name))) {
            if (url.getPath().contains("mixtures-cli/target/classes/")) {
                try (InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertNotNull(null, "mixtures-cli's own " + name);
        return "";
    }
}
