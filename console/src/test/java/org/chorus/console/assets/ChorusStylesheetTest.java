package org.chorus.console.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ChorusStylesheetTest {

    private final ChorusStylesheet stylesheet = ChorusStylesheet.fromClassPath();

    @Test
    void noTypefaceIsDeclaredOrNamed() {
        assertThat(stylesheet.css()).doesNotContain("@font-face").doesNotContain("GDS Transport").doesNotContain(".woff");
    }

    @Test
    void everyFontStackFallsBackToArial() {
        assertThat(stylesheet.css()).contains("font-family:arial,sans-serif");
    }

    @Test
    void noImageOfGovUkIsFetched() {
        assertThat(stylesheet.css()).doesNotContain("govuk-crest").doesNotContain("url(/assets/");
    }

    @Test
    void theRestOfGovUkFrontendIsKept() {
        assertThat(stylesheet.css()).contains(".govuk-button{").contains(".govuk-error-summary").contains(".govuk-table");
        assertThat(stylesheet.css()).endsWith(ChorusStylesheet.CHORUS_LINES);
    }

    @Test
    void itIsSmallEnoughToLeaveRoomForThePageUnderOneHundredKilobytes() throws IOException {
        byte[] css = stylesheet.css().getBytes(StandardCharsets.UTF_8);
        assertThat(css.length).as("bytes as served uncompressed").isLessThan(135_000);
        assertThat(gzip(css)).as("bytes over the wire, compressed").isLessThan(20_000);
    }

    @Test
    void aStackNamingOnlyTheTypefaceGetsTheFallback() {
        assertThat(ChorusStylesheet.rewrite("a{font-family:GDS Transport}b{font-family:\"GDS Transport\",arial,sans-serif}"))
                .startsWith("a{font-family:arial,sans-serif}b{font-family:arial,sans-serif}");
    }

    @Test
    void theVersionChangesWithTheStyles() {
        assertThat(stylesheet.version()).hasSize(16).matches("[0-9a-f]+");
    }

    private static int gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.size();
    }
}
