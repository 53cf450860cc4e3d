package org.chorus.system;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Debian's Chromium driven by Playwright (no browser is downloaded), and what every console page is checked for:
 * axe-core's WCAG 2.2 AA rules with no violation, and its weight without images under 100 KB, as a phone on a slow
 * line would fetch it with nothing cached (the page, plus every stylesheet and script it names, as sent: compressed
 * where the server compresses). A screenshot of each page goes under {@code target/console-pages/} for a reviewer.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final long MAX_PAGE_BYTES = 100 * 1024;
    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final Path SCREENSHOTS = Path.of("target", "console-pages");

    /** One page checked: where, its weight, and axe's violations (rule ids with how many elements). */
    record Checked(String name, String path, long bytes, List<String> violations) {
    }

    private final Playwright playwright;
    private final Browser browser;
    /** Every resource's size as sent, by address, over all pages seen (a stylesheet counts in each page that names it). */
    private final Map<String, Long> sentBytes = new ConcurrentHashMap<>();
    private final List<Checked> checked = Collections.synchronizedList(new ArrayList<>());

    private ConsoleBrowser(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Where Chromium is: {@code CHORUS_CHROMIUM}, else Debian's {@code /usr/bin/chromium}. */
    static Path chromium() {
        return Path.of(Optional.ofNullable(System.getenv("CHORUS_CHROMIUM")).orElse("/usr/bin/chromium"));
    }

    static String howToInstall() {
        return "No Chromium at " + chromium() + ": install Debian's (sudo apt-get install chromium), or set CHORUS_CHROMIUM"
                + " to a Chromium or Chrome binary. The browser suite is skipped without it (under CI=true it fails).";
    }

    static ConsoleBrowser start() {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // Flags as the machine's own probe found necessary: the closed network refuses Chromium's own connections.
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium())
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        return new ConsoleBrowser(playwright, browser);
    }

    /** A new person at a new browser: no cookies, the given screen size, and every response's size recorded. */
    BrowserContext person(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
                .setLocale("en-GB"));
        context.onRequestFinished(request -> {
            if (!"image".equals(request.resourceType())) {
                // A resource served from the cache finishes too, with nothing sent: keep what it cost the first time.
                sentBytes.merge(request.url(), (long) request.sizes().responseBodySize, Math::max);
            }
        });
        return context;
    }

    /**
     * Checks the page now shown: axe with no WCAG 2.2 AA violation, the weight, a screenshot. Recorded under
     * {@code name}; the suite asserts on all of them at the end, so one bad page does not hide the others.
     */
    Checked check(Page page, String name) {
        page.waitForLoadState();
        AxeResults results = new AxeBuilder(page).withTags(WCAG_22_AA).analyze();
        List<String> violations = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            violations.add(rule.getId() + " ×" + rule.getNodes().size());
        }
        @SuppressWarnings("unchecked")
        List<String> linked = (List<String>) page.evaluate("""
                () => [...document.querySelectorAll('link[rel=stylesheet][href], script[src]')]
                        .map(element => element.href || element.src)""");
        long bytes = sentBytes.getOrDefault(page.url(), 0L);
        for (String resource : linked) {
            bytes += sentBytes.getOrDefault(resource, 0L);
        }
        Path screenshot = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(screenshot.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
        Checked one = new Checked(name, java.net.URI.create(page.url()).getPath(), bytes, List.copyOf(violations));
        checked.add(one);
        System.out.printf(Locale.ROOT, "console-page: %-28s %6.1f KB  violations=%d %s%n", name, bytes / 1024.0,
                violations.size(), violations.isEmpty() ? "" : violations);
        return one;
    }

    List<Checked> checked() {
        synchronized (checked) {
            return List.copyOf(checked);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
