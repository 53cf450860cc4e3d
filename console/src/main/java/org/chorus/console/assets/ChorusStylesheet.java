package org.chorus.console.assets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * GOV.UK Frontend's styles without what belongs to GOV.UK: its typeface (the {@code @font-face} rules, and
 * "GDS Transport" in every font stack, so Arial or the system's sans-serif is used and no font is fetched)
 * and its crest (no image is fetched either). Built once at start-up, with the console's own few lines after it.
 */
public final class ChorusStylesheet {

    /** Where the webjar keeps the built styles. */
    public static final String GOVUK_FRONTEND_CSS = "META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/govuk-frontend.min.css";

    private static final Pattern FONT_FACE = Pattern.compile("@font-face\\s*\\{[^}]*}");
    private static final Pattern GDS_TRANSPORT = Pattern.compile("(\"GDS Transport\"|'GDS Transport'|GDS Transport)\\s*,\\s*");
    private static final Pattern CREST = Pattern.compile("url\\(/assets/images/govuk-crest\\.svg\\)");
    /** Comments, including the typeface's licence note, and the source map the console does not serve. */
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

    /**
     * The console's own lines: the charts fit their column, long words in people's text wrap, and the warning
     * before signing out (a modal dialog) looks like a GOV.UK panel over a dimmed page.
     */
    static final String CHORUS_LINES = "\n.chorus-chart{display:block;max-width:30em;height:auto}"
            + ".chorus-wrap{overflow-wrap:anywhere}"
            + ".chorus-header__name{color:#fff;font-weight:700;font-size:1.5rem;text-decoration:none}"
            + ".chorus-header__name:focus{color:#0b0c0c}"
            + ".chorus-idle{max-width:30em;border:5px solid #0b0c0c;padding:20px}"
            + ".chorus-idle::backdrop{background:rgba(11,12,12,.8)}\n";

    private final String css;
    private final String version;

    private ChorusStylesheet(String css) {
        this.css = css;
        this.version = AssetVersion.of(css);
    }

    /** Reads GOV.UK Frontend's styles from the class path and rewrites them. */
    public static ChorusStylesheet fromClassPath() {
        ClassLoader loader = ChorusStylesheet.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(GOVUK_FRONTEND_CSS)) {
            if (in == null) {
                throw new IllegalStateException("GOV.UK Frontend's styles are not on the class path: " + GOVUK_FRONTEND_CSS);
            }
            return new ChorusStylesheet(rewrite(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException unreadable) {
            throw new IllegalStateException("GOV.UK Frontend's styles could not be read", unreadable);
        }
    }

    /** The styles without the typeface, the crest and comments, with the console's lines added. */
    static String rewrite(String govukCss) {
        String css = COMMENT.matcher(govukCss).replaceAll("");
        css = FONT_FACE.matcher(css).replaceAll("");
        css = GDS_TRANSPORT.matcher(css).replaceAll("");
        // A stack that named only the typeface (no fallback after it) gets the one the others have.
        css = css.replace("font-family:GDS Transport", "font-family:arial,sans-serif");
        css = CREST.matcher(css).replaceAll("none");
        return css + CHORUS_LINES;
    }

    public String css() {
        return css;
    }

    /** A short digest of the styles, for a strong ETag: the file changes only with a new release. */
    public String version() {
        return version;
    }
}
