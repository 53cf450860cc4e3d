package org.chorus.platform.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chorus.contract.ErrorReasons;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every reason the code of any module sends is declared in {@code chorus.platform.v1.ErrorReason}, and every
 * declared reason is sent somewhere, so the contract neither misses reasons nor keeps dead ones. Reads the main
 * Java sources of every module the root {@code pom.xml} lists (the services, the gateway, identity, infra).
 */
class ErrorReasonsDeclaredTest {

    /**
     * Declared reasons sent by something this scan cannot see, each with what sends it. Keep it tiny: a reason
     * belongs here only when no Java source in the repository could name it.
     */
    private static final Map<String, String> SENT_WHERE_THE_SCAN_CANNOT_SEE = Map.of();

    private static Path root;
    private static List<String> modules;
    private static ReasonScanner.Result scanned;

    @BeforeAll
    static void scan() throws IOException {
        root = repositoryRoot();
        modules = modules(root);
        Map<String, String> sources = new TreeMap<>();
        for (String module : modules) {
            Path main = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
                }
            }
        }
        assertThat(sources.keySet())
                .as("the scan reads the gateway, the platform and identity")
                .anyMatch(path -> path.startsWith("gateway/src/main/java/"))
                .anyMatch(path -> path.startsWith("services/platform/src/main/java/"))
                .anyMatch(path -> path.startsWith("services/identity/src/main/java/"));
        scanned = ReasonScanner.scan(sources);
    }

    @Test
    void everyReasonTheCodeSendsIsDeclared() {
        List<String> undeclared = scanned.sent().stream()
                .filter(sent -> !ErrorReasons.isDeclared(sent.reason()))
                .map(sent -> sent.place() + ": " + sent.reason())
                .toList();
        assertThat(undeclared)
                .as("Reasons sent but not declared in proto/src/main/proto/chorus/platform/v1/error_reason.proto. "
                        + "Declare each, with when it happens and what the caller should do")
                .isEmpty();
    }

    @Test
    void everyReasonArgumentCanBeReadFromTheSource() {
        assertThat(scanned.unresolved().stream().map(u -> u.place() + ": " + u.argument()).toList())
                .as("Reason arguments the scan cannot work out. Pass a string literal, a static final String "
                        + "constant or ErrorReason.X.name(); or, for a method that passes on its caller's reason, "
                        + "add it to ReasonScanner.FORWARDERS")
                .isEmpty();
    }

    @Test
    void everyDeclaredReasonIsSentSomewhere() {
        Set<String> sent = new TreeSet<>();
        scanned.sent().forEach(s -> sent.add(s.reason()));
        Set<String> unsent = new TreeSet<>(ErrorReasons.declared());
        unsent.removeAll(sent);
        unsent.removeAll(SENT_WHERE_THE_SCAN_CANNOT_SEE.keySet());
        assertThat(unsent)
                .as("Reasons declared in error_reason.proto that no code in %s sends. Remove them, or say in "
                        + "SENT_WHERE_THE_SCAN_CANNOT_SEE what sends them", modules)
                .isEmpty();
    }

    @Test
    void theExceptionsAreStillDeclaredAndStillUnseen() {
        Set<String> sent = new TreeSet<>();
        scanned.sent().forEach(s -> sent.add(s.reason()));
        assertThat(SENT_WHERE_THE_SCAN_CANNOT_SEE.keySet()).allMatch(ErrorReasons::isDeclared);
        assertThat(SENT_WHERE_THE_SCAN_CANNOT_SEE.keySet()).doesNotContainAnyElementsOf(sent);
    }

    /** Up from this module to the directory whose pom.xml lists the modules. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("proto/src/main/proto"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root (pom.xml beside proto/) above " + Path.of("").toAbsolutePath());
    }

    private static List<String> modules(Path root) {
        try {
            Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(Files.readString(root.resolve("pom.xml")));
            List<String> found = new ArrayList<>();
            while (m.find()) {
                found.add(m.group(1));
            }
            assertThat(found).as("modules of %s", root.resolve("pom.xml")).contains("gateway", "services/platform", "services/identity");
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
