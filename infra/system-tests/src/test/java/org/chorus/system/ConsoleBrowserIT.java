package org.chorus.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chorus.launcher.ChorusPlatform;
import org.chorus.launcher.DemoNetwork;
import org.chorus.launcher.ProjectRoot;
import org.chorus.testrig.RealKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console in a real browser (Debian's Chromium through Playwright) against the real platform: each role's main
 * journey end to end, signed in through the gateway and Keycloak as a person would; axe-core on every page the
 * journeys reach, with its weight; the member's journey with the keyboard alone. Prints
 * {@code axe-check: pages=N violations=V over_100kb=W} and fails unless V and W are 0 and every page template of the
 * console was reached.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    /**
     * Pages no journey can bring up against a working platform: a service that cannot be reached (503), a form sent
     * after its session ended (403), a refusal and a failure the platform should never give. Their words are checked
     * by the console's own tests.
     */
    private static final Set<String> UNREACHABLE = Set.of("error/503", "error/403", "error/refused", "error");

    private static ChorusPlatform platform;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(ConsoleBrowser.chromium());
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(ConsoleBrowser.howToInstall());
        }
        assumeTrue(present, ConsoleBrowser.howToInstall());
        platform = RunningPlatform.get();
        assertThat(new DemoNetwork(platform.keycloak(), platform.gatewayUrl(), Files.createTempDirectory("chorus-demo"), System.out)
                .loadOnce()).as("the demo network is there (see the warning above if not)").isTrue();
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void report() throws IOException {
        if (browser == null) {
            return;
        }
        List<ConsoleBrowser.Checked> pages = browser.checked();
        browser.close();
        long violations = pages.stream().mapToLong(page -> page.violations().size()).sum();
        long heavy = pages.stream().filter(page -> page.bytes() > ConsoleBrowser.MAX_PAGE_BYTES).count();
        Set<String> names = pages.stream().map(ConsoleBrowser.Checked::name).collect(Collectors.toCollection(TreeSet::new));
        System.out.printf(Locale.ROOT, "axe-check: pages=%d violations=%d over_100kb=%d%n", names.size(), violations, heavy);
        assertThat(names).as("every page of the console was checked").containsAll(consoleTemplates());
        assertThat(pages).as("pages with axe violations").allSatisfy(page -> assertThat(page.violations()).as(page.name()).isEmpty());
        assertThat(pages).as("pages over 100 KB").allSatisfy(page -> assertThat(page.bytes()).as(page.name()).isLessThanOrEqualTo(ConsoleBrowser.MAX_PAGE_BYTES));
    }

    /** The console's page templates (a page each, errors included but for the ones a journey cannot cause), by name. */
    private static Set<String> consoleTemplates() throws IOException {
        Path templates = ProjectRoot.find().resolve("console/src/main/resources/templates");
        try (Stream<Path> files = Files.walk(templates)) {
            return files.filter(file -> file.toString().endsWith(".html"))
                    .map(file -> templates.relativize(file).toString().replace(".html", ""))
                    .filter(name -> !name.startsWith("fragments/") && !UNREACHABLE.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** A person signs in through the gateway's sign-in page and Keycloak's form, and lands on their home page. */
    private static Page signIn(BrowserContext context, String username) {
        Page page = context.newPage();
        page.navigate(platform.gatewayUrl() + "/console/");
        assertThat(page.url()).as("not signed in: the sign-in page").endsWith("/console/sign-in");
        browser.check(page, "sign-in");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
        // With organisations on, Keycloak asks for the username first (to offer an organisation's own sign-in), then
        // for the password.
        page.locator("#username").fill(username);
        page.locator("#kc-login").click();
        page.locator("#password").fill(DemoNetwork.DEMO_PASSWORD);
        page.locator("#kc-login").click();
        page.waitForURL(platform.gatewayUrl() + "/console/");
        return page;
    }

    private static void follow(Page page, String link) {
        goesOn(page, () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(link).setExact(true)).first().click());
    }

    private static void press(Page page, String button) {
        goesOn(page, () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).first().click());
    }

    /**
     * Does what leads to another page and waits for that page. A form that comes back with its errors has the same
     * address as before, so the address cannot tell; the navigation can.
     */
    @SuppressWarnings("deprecation")
    private static void goesOn(Page page, Runnable action) {
        List<String> answers = new CopyOnWriteArrayList<>();
        Consumer<Response> record = response -> {
            if ("document".equals(response.request().resourceType())) {
                answers.add(response.request().method() + " " + response.url() + " → " + response.status()
                        + (response.headers().containsKey("location") ? " " + response.headers().get("location") : ""));
            }
        };
        page.onResponse(record);
        Consumer<ConsoleMessage> said = message -> answers.add("console: " + message.text());
        page.onConsoleMessage(said);
        try {
            page.waitForNavigation(action);
            page.waitForLoadState();
        } catch (PlaywrightException failed) {
            throw new AssertionError("The page did not come (answers: " + answers + ")", failed);
        } finally {
            page.offResponse(record);
            page.offConsoleMessage(said);
        }
    }

    private static String text(Page page) {
        return page.locator("main").innerText();
    }

    @Test
    @Order(1)
    void coordinatorOpensACommissionSeesTheNetworkAndSignsOut() throws IOException {
        try (BrowserContext context = browser.person(1280, 800)) {
            Page page = signIn(context, "amara");
            browser.check(page, "home");
            assertThat(text(page)).contains("Leeds", "Salford");

            String id = "browser-" + Long.toString(System.nanoTime() % 1_000_000, 36);
            press(page, "Open commission");
            assertThat(page.locator(".govuk-error-summary").innerText()).as("an empty form says what to fill in").isNotBlank();
            browser.check(page, "home-with-errors");
            page.locator("#displayName").fill("Browser Test Poverty Truth Commission");
            page.locator("#commissionId").fill(id);
            page.locator("#place").fill("Wakefield");
            press(page, "Open commission");
            assertThat(page.url()).as("the new commission's home, not: %s", text(page)).endsWith("/console/commissions/" + id);
            browser.check(page, "commission");

            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds/members");
            browser.check(page, "members");
            assertThat(page.locator("main tbody tr").count()).as("Leeds's members are listed").isGreaterThanOrEqualTo(2);

            page.navigate(platform.gatewayUrl() + "/console/network/impact");
            browser.check(page, "impact");
            assertThat(page.locator("svg[role=img] title").count()).as("each chart is named for screen readers").isPositive();
            assertThat(page.locator("table").count()).as("each chart has its table").isPositive();
            // The download as the browser makes it: the gateway's session cookie is Secure, which only a browser sends to
            // http://127.0.0.1.
            var download = page.waitForDownload(() -> page.locator("a[href*='impact.csv']").first().click());
            assertThat(download.suggestedFilename()).endsWith(".csv");
            assertThat(Files.readString(download.path())).as("a table with a header row and figures").contains(",").contains("\n");

            page.navigate(platform.gatewayUrl() + "/console/commissions/no-such-commission");
            assertThat(page.title()).startsWith("We could not find that page");
            browser.check(page, "error/404");

            page.navigate(platform.gatewayUrl() + "/console/");
            press(page, "Sign out");
            assertThat(page.url()).contains("/console/sign-in");
            page.navigate(platform.gatewayUrl() + "/console/");
            assertThat(page.url()).as("signed out of the gateway").endsWith("/console/sign-in");
            press(page, "Sign in");
            assertThat(page.locator("#username").isVisible()).as("signed out of Keycloak too: its form asks again").isTrue();
        }
    }

    @Test
    @Order(2)
    void facilitatorPlansASessionAndRecordsTheWholeRoomOnAPhone() {
        try (BrowserContext context = browser.person(360, 640)) {
            Page page = signIn(context, "dev");
            follow(page, "Leeds Poverty Truth Commission");
            follow(page, "Sessions");
            browser.check(page, "sessions");

            press(page, "Plan session");
            assertThat(page.locator(".govuk-error-summary").innerText()).contains("Enter a name for the session.");
            browser.check(page, "sessions-with-errors");
            java.time.LocalDate day = java.time.LocalDate.now().plusDays(20);
            page.locator("#title").fill("Listening to each other");
            page.locator("#day").fill(Integer.toString(day.getDayOfMonth()));
            page.locator("#month").fill(Integer.toString(day.getMonthValue()));
            page.locator("#year").fill(Integer.toString(day.getYear()));
            page.locator("#startTime").fill("10:00");
            page.locator("#endTime").fill("12:30");
            page.locator("#place").fill("Leeds Central Library");
            press(page, "Plan session");
            assertThat(text(page)).contains("Listening to each other");
            browser.check(page, "session");
            String session = page.url();
            invitesTheRoomAndRecordsAReplyForSomeone(page);

            // A session that has happened (the demo's first, nine days ago), with its register: the whole room in one form.
            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds/sessions");
            follow(page, "Getting to know each other");
            long begin = System.nanoTime();
            var boxes = page.locator("input[name=present]");
            assertThat(boxes.count()).as("everyone in the commission is on the register").isPositive();
            for (int i = 0; i < boxes.count(); i++) {
                boxes.nth(i).check();
            }
            press(page, "Save who came");
            double seconds = (System.nanoTime() - begin) / 1e9;
            assertThat(text(page)).contains("Saved who came.");
            System.out.printf(Locale.ROOT, "console-attendance: people=%d seconds=%.1f%n", boxes.count(), seconds);
            assertThat(seconds).as("recording the room takes well under a minute").isLessThan(60);

            String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
            addsSomeoneWithoutEmailAndActsForThem(page, "Marie Browser " + suffix);
            proposesAnIssueAndRecordsTheGroupsDecision(page, "Bus fares to the job centre " + suffix);
            startsATestOfChangeAndMovesItOn(page, "Drop-in on Saturday mornings " + suffix);
            page.navigate(session);
            assertThat(text(page)).as("the reply stays recorded as given for them").contains("Someone from the team saved this for them.");
        }
    }

    /** On the session just planned: nobody ticked is a mistake; then two people, and Bernadette's reply, given in person. */
    private static void invitesTheRoomAndRecordsAReplyForSomeone(Page page) {
        assertThat(text(page)).contains("Nobody is invited yet.");
        press(page, "Send invitations");
        assertThat(page.locator(".govuk-error-summary").innerText()).contains("Tick at least one person to invite.");
        browser.check(page, "session-with-errors");
        // The register below names the same people: each form is asked for its own boxes.
        var invite = page.locator("form:has(input[name=invite])");
        invite.getByLabel("Bernadette Ollerenshaw", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).check();
        invite.getByLabel("Sam Okafor", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).check();
        press(page, "Send invitations");
        assertThat(text(page)).contains("We sent the invitations.");
        var invited = page.locator("main table tbody");
        assertThat(invited.innerText()).contains("Bernadette Ollerenshaw", "Sam Okafor", "No reply yet");
        browser.check(page, "session-invited");

        press(page, "Save their reply");
        assertThat(page.locator(".govuk-error-summary").innerText()).contains("Choose whose reply it is.", "Choose what they said.");
        browser.check(page, "session-reply-with-errors");
        var replyFor = page.locator("form:has(input[name=replyMember])");
        replyFor.getByLabel("Bernadette Ollerenshaw", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).check();
        replyFor.getByLabel("Coming", new com.microsoft.playwright.Locator.GetByLabelOptions().setExact(true)).check();
        press(page, "Save their reply");
        assertThat(text(page)).contains("We saved their reply. It says you did it for them.");
        var bernadette = page.locator("main table tbody tr", new Page.LocatorOptions().setHasText("Bernadette Ollerenshaw"));
        assertThat(bernadette.innerText()).contains("Coming", "Someone from the team saved this for them.");
        var sam = page.locator("main table tbody tr", new Page.LocatorOptions().setHasText("Sam Okafor"));
        assertThat(sam.innerText()).contains("No reply yet").doesNotContain("saved this for them");
    }

    /** Someone with no email address joins; their page; their consent, their name in reports and their payment, with them. */
    private static void addsSomeoneWithoutEmailAndActsForThem(Page page, String name) {
        page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
        follow(page, "Members");
        press(page, "Add them");
        assertThat(page.locator(".govuk-error-summary").innerText())
                .contains("Enter their name.", "Choose how they take part.", "Choose how they want to be thanked by name.");
        browser.check(page, "members-with-errors");
        page.locator("#displayName").fill(name);
        page.getByLabel("Lived experience", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("By a name they choose", new Page.GetByLabelOptions().setExact(true)).check();
        page.locator("#chosenName").fill("Mo");
        press(page, "Add them");
        assertThat(page.url()).as("the new member's page, by id only").matches(".*/console/commissions/leeds/members/[A-Za-z0-9-]+\\?saved=added")
                .doesNotContain("Marie");
        assertThat(page.locator("h1").innerText()).isEqualTo(name);
        assertThat(text(page)).contains("We added them.", "Taking part", "None. You can do things for them")
                .contains("They chose the name Mo. We use it in reports only once they say yes to being named.");
        browser.check(page, "member");

        page.locator("input[name=answer-NAMED_IN_REPORTS][value=yes]").check();
        press(page, "Save their answers");
        assertThat(page.locator(".govuk-error-summary").innerText()).contains("Tick the box to say they agree you save their answers.");
        assertThat(page.locator("input[name=answer-NAMED_IN_REPORTS][value=yes]").isChecked()).as("the answer typed is kept").isTrue();
        browser.check(page, "member-with-errors");
        page.locator("#consentAgreed").check();
        press(page, "Save their answers");
        assertThat(text(page)).contains("We saved their answers. They show that you did it for them.")
                .contains("A facilitator saved this for them on")
                .contains("In reports we thank them as Mo.");

        page.getByLabel("By a name they choose", new Page.GetByLabelOptions().setExact(true)).check();
        page.locator("#chosenName").fill("");
        press(page, "Save how we thank them");
        assertThat(page.locator(".govuk-error-summary").innerText()).contains("Enter the name they chose.");
        page.locator("#chosenName").fill("Mo");
        press(page, "Save how we thank them");
        assertThat(text(page)).contains("We saved how we thank them by name.", "In reports we thank them as Mo.");
        press(page, "Give them a sign-in");
        assertThat(page.locator(".govuk-error-summary").innerText())
                .contains("Enter their email address.", "Tick the box to say they want a sign-in.");
        browser.check(page, "member-account-with-errors");

        follow(page, "Save how they want to be paid");
        browser.check(page, "member-payment");
        page.locator("#amount").fill("40");
        press(page, "See what it could change");
        assertThat(text(page)).contains("If we paid them £40.00 today", "You cannot see their benefits, so this is in general.");
        browser.check(page, "member-payment-guidance");
        press(page, "Save their choice");
        assertThat(page.locator(".govuk-error-summary").innerText())
                .contains("Pick how they want to be paid.", "Tick the box to say they chose this with you.");
        browser.check(page, "member-payment-with-errors");
        page.getByLabel("Shop vouchers", new Page.GetByLabelOptions().setExact(true)).check();
        page.locator("#agreed").check();
        press(page, "Save their choice");
        assertThat(text(page)).contains("We saved how they want to be paid.", "Shop vouchers", "You, for them. It says so on their record.");
        browser.check(page, "member-payment-saved");
    }

    /** An issue put forward by the facilitator, and the group's decision about it, in the group's words. */
    private static void proposesAnIssueAndRecordsTheGroupsDecision(Page page, String issue) {
        page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
        follow(page, "Issues we focus on");
        assertThat(text(page)).as("the demo's chosen issue").contains("Being believed when you ask for help", "Chosen");
        browser.check(page, "focus-issues");
        press(page, "Put it forward");
        assertThat(page.locator(".govuk-error-summary").innerText()).contains("Enter the issue in a few words.");
        browser.check(page, "focus-issues-with-errors");
        page.locator("#title").fill(issue);
        page.locator("#description").fill("The bus to the job centre costs more than many of us have that day.");
        press(page, "Put it forward");
        assertThat(text(page)).contains("We saved the issue.", issue);
        browser.check(page, "focus-issues-proposed");

        var decision = page.locator("form:has(legend:has-text(\"" + issue + "\"))");
        press(page, "Save the decision - " + issue);
        assertThat(page.locator(".govuk-error-summary").innerText()).contains("Choose what the group decided.", "Say how the group decided.");
        browser.check(page, "focus-issues-decision-with-errors");
        decision.getByLabel("We chose to work on it").check();
        decision.locator("textarea").fill("We talked it through at the session and everyone agreed.");
        press(page, "Save the decision - " + issue);
        assertThat(text(page)).contains("We saved what the group decided.",
                "How the group decided: We talked it through at the session and everyone agreed.");
        assertThat(page.locator("h2", new Page.LocatorOptions().setHasText(issue)).innerText()).contains("Chosen");
        assertThat(page.locator("form:has(legend:has-text(\"" + issue + "\"))").count()).as("decided once").isZero();
    }

    /** A test of change planned, tried, what was learnt written down, and kept as how the group works. */
    private static void startsATestOfChangeAndMovesItOn(Page page, String test) {
        page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
        follow(page, "Tests of change");
        browser.check(page, "experiments");
        press(page, "Plan the test");
        assertThat(page.locator(".govuk-error-summary").innerText())
                .contains("Enter a name for the test.", "Say what you think might happen.", "Say what will change.", "Say who leads it.");
        browser.check(page, "experiments-with-errors");
        page.locator("#title").fill(test);
        page.locator("#hypothesis").fill("More people who work in the week will come.");
        page.locator("#change").fill("The drop-in opens on Saturday mornings for six weeks.");
        page.locator("#lead").fill("Sam and Dev");
        press(page, "Plan the test");
        assertThat(text(page)).contains("We saved the plan for the test.");
        var heading = page.locator("h2", new Page.LocatorOptions().setHasText(test));
        assertThat(heading.innerText()).contains("Planned");
        browser.check(page, "experiments-planned");

        press(page, "Start trying it - " + test);
        assertThat(text(page)).contains("We moved the test on.");
        assertThat(heading.innerText()).contains("Being tried");
        press(page, "Save what we learnt - " + test);
        assertThat(page.locator(".govuk-error-summary").innerText()).contains("Write down what you learnt.");
        browser.check(page, "experiments-move-with-errors");
        page.getByLabel("What did you learn from " + test + "?").fill("Twice as many people came, and most of them work in the week.");
        press(page, "Save what we learnt - " + test);
        assertThat(heading.innerText()).contains("What we learnt is written down");
        browser.check(page, "experiments-learnt");
        page.locator("form:has(legend:has-text(\"" + test + "\"))").getByLabel("Keep it. It becomes how we work.").check();
        press(page, "Save - " + test);
        assertThat(heading.innerText()).contains("Now how we work");
        assertThat(text(page)).contains("Twice as many people came, and most of them work in the week.");
    }

    /**
     * The warning before the gateway signs someone out for doing nothing: with the page's clock run on 25 minutes, the
     * warning takes the focus; "Stay signed in" asks the gateway to keep the session, and the warning comes back only
     * after another 25 minutes (had its timers not started again, the page would have gone to sign in at 30).
     */
    @Test
    @Order(20)
    void facilitatorIsWarnedBeforeBeingSignedOutAndStaysSignedIn() {
        try (BrowserContext context = browser.person(360, 640)) {
            Page page = signIn(context, "dev");
            page.clock().install();
            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
            var warning = page.getByRole(AriaRole.ALERTDIALOG);
            assertThat(page.locator("footer").innerText()).contains("we sign you out after 30 minutes if you do nothing");
            assertThat(warning.isVisible()).as("no warning at first").isFalse();

            page.clock().fastForward(java.time.Duration.ofMinutes(25).toMillis());
            warning.waitFor();
            assertThat(warning.innerText()).contains("You will be signed out soon", "We will sign you out in 5 minutes");
            assertThat(page.evaluate("() => document.getElementById('chorus-idle').contains(document.activeElement)"))
                    .as("the focus is in the warning").isEqualTo(true);
            browser.check(page, "idle-warning");

            Response kept = page.waitForResponse(response -> response.url().endsWith("/console/session/keep-alive"),
                    () -> warning.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                            .setName("Stay signed in").setExact(true)).click());
            assertThat(kept.status()).as("the gateway kept the session").isEqualTo(204);
            warning.waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));

            page.clock().fastForward(java.time.Duration.ofMinutes(24).toMillis());
            assertThat(warning.isVisible()).as("the timers started again").isFalse();
            assertThat(page.url()).endsWith("/console/commissions/leeds");
            follow(page, "Sessions");
            assertThat(page.url()).as("still signed in").endsWith("/console/commissions/leeds/sessions");
            assertThat(text(page)).contains("Getting to know each other");
        }
    }

    @Test
    @Order(3)
    void financeApprovesAndRejectsWithAReasonTheMemberCanRead() {
        twoClaimsBySam();
        try (BrowserContext context = browser.person(1280, 800)) {
            Page page = signIn(context, "fin");
            follow(page, "Leeds Poverty Truth Commission");
            follow(page, "Claims to approve");
            browser.check(page, "claims");
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).count())
                    .as("the demo has claims waiting for approval").isPositive();
            press(page, "Approve");
            assertThat(text(page)).containsAnyOf("Your approval is saved.", "It needs a second approval from someone else.");

            follow(page, "Reject");
            browser.check(page, "claim-reject");
            press(page, "Reject claim");
            assertThat(page.locator(".govuk-error-summary").count()).as("a rejection needs a reason").isEqualTo(1);
            page.locator("#reason").fill("This session was cancelled, so there is nothing to pay. Sorry for the mix-up.");
            press(page, "Reject claim");
            assertThat(text(page)).contains("The claim is rejected. The member can read your reason.");
        }
    }

    /** Sam asks to be paid for two pieces of work, so that finance has one to approve and one to turn down. */
    private static void twoClaimsBySam() {
        String sam = RealKeycloak.get().passwordToken("sam", DemoNetwork.DEMO_PASSWORD);
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String member = gateway.get("/v1/commissions/leeds/claims", sam).body().path("claims").get(0).path("member").asString();
        java.time.LocalDate day = java.time.LocalDate.now().minusDays(3);
        for (String work : List.of("Posting leaflets for the open day", "Phoning round before the open day")) {
            GatewayClient.Response made = gateway.post("/v1/commissions/leeds/claims?requestId=" + java.util.UUID.randomUUID(), sam, """
                    {"member": "%s", "kind": "TIME", "minutes": 60, "workDate": {"year": %d, "month": %d, "day": %d}, "description": "%s"}"""
                    .formatted(member, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), work));
            assertThat(made.status()).as(String.valueOf(made.body())).isEqualTo(200);
        }
    }

    /** The member's journey with the keyboard alone: Tab to a link or button, Enter to use it. */
    @Test
    @Order(4)
    void memberRepliesAndReadsTheirPaymentsWithTheKeyboardAlone() throws IOException {
        try (BrowserContext context = browser.person(360, 640)) {
            Page page = context.newPage();
            page.navigate(platform.gatewayUrl() + "/console/");
            tabTo(page, "Sign in");
            goesOn(page, () -> page.keyboard().press("Enter"));
            page.keyboard().type("sam");
            goesOn(page, () -> page.keyboard().press("Enter"));
            page.keyboard().type(DemoNetwork.DEMO_PASSWORD);
            page.keyboard().press("Enter");
            page.waitForURL(platform.gatewayUrl() + "/console/");

            tabTo(page, "Leeds Poverty Truth Commission");
            goesOn(page, () -> page.keyboard().press("Enter"));
            tabTo(page, "My payments");
            goesOn(page, () -> page.keyboard().press("Enter"));
            browser.check(page, "my-payments");
            assertThat(text(page)).containsAnyOf("Paid", "Sent", "Approved");

            // Try a payment before choosing, choose, and take the letter for an adviser.
            tabTo(page, "Try a payment before you choose how to be paid");
            goesOn(page, () -> page.keyboard().press("Enter"));
            browser.check(page, "my-payments-try");
            tabTo(page, "How much would we pay you?");
            page.keyboard().type("40");
            tabTo(page, "See what it could change");
            goesOn(page, () -> page.keyboard().press("Enter"));
            browser.check(page, "my-payments-guidance");
            page.locator("input[name=method]").first().focus();
            page.keyboard().press("Space");
            tabTo(page, "Save my choice");
            goesOn(page, () -> page.keyboard().press("Enter"));
            assertThat(text(page)).contains("We saved how you want to be paid.");
            browser.check(page, "my-payment-choice");
            tabTo(page, "Your name for the letter");
            page.keyboard().type("Sam Okafor");
            tabTo(page, "Who can they ask?");
            page.keyboard().type("Dev, the Leeds facilitator, on 0113 496 0000");
            tabTo(page, "Download the letter (PDF)");
            var letter = page.waitForDownload(() -> page.keyboard().press("Enter"));
            assertThat(Files.readString(letter.path(), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF");
            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");

            // What they agree to, and their data.
            tabTo(page, "What I agree to");
            goesOn(page, () -> page.keyboard().press("Enter"));
            browser.check(page, "my-consent");
            tabTo(page, "Save my answers");
            goesOn(page, () -> page.keyboard().press("Enter"));
            assertThat(text(page)).contains("We saved your answers.");
            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
            tabTo(page, "My data");
            goesOn(page, () -> page.keyboard().press("Enter"));
            browser.check(page, "my-data");
            tabTo(page, "Download my data");
            var data = page.waitForDownload(() -> page.keyboard().press("Enter"));
            assertThat(Files.readString(data.path())).as("their data, as JSON").startsWith("{").contains("commissions/leeds");
            tabTo(page, "Erase my details");
            goesOn(page, () -> page.keyboard().press("Enter"));
            // Only looked at: Sam stays for the rest of the journey (erasure itself: PeopleAndTheirDataIT).
            browser.check(page, "my-data-erase");
            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");

            tabTo(page, "What our work changed");
            goesOn(page, () -> page.keyboard().press("Enter"));
            browser.check(page, "impact-commission");

            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
            tabTo(page, "Sessions");
            goesOn(page, () -> page.keyboard().press("Enter"));
            tabTo(page, "The stories we want to tell the city");
            goesOn(page, () -> page.keyboard().press("Enter"));
            tabTo(page, "Yes, I am coming");
            page.keyboard().press("Space");
            tabTo(page, "Send reply");
            goesOn(page, () -> page.keyboard().press("Enter"));
            assertThat(text(page)).contains("Thank you. We saved your reply.");
        }
    }

    /**
     * The coordinator gives roles in a commission of their own making, takes one away after saying yes, is told
     * plainly that nobody gives themself a role, and closes another commission; a facilitator trying to make himself
     * finance is told plainly that only coordinators give that role.
     */
    @Test
    @Order(10)
    void coordinatorGivesRolesAndClosesACommission() {
        try (BrowserContext context = browser.person(1280, 800)) {
            Page page = signIn(context, "amara");
            String id = openCommission(page, "Roles Test Poverty Truth Commission");
            follow(page, "People and roles");
            browser.check(page, "people");
            press(page, "Give the role");
            assertThat(page.locator(".govuk-error-summary").innerText())
                    .contains("Enter the name they sign in with, or their email.", "Pick a role.");
            browser.check(page, "people-with-errors");

            page.locator("#person").fill("dev");
            page.locator("#role").check();
            press(page, "Give the role");
            assertThat(text(page)).contains("The role is given.");
            assertThat(page.locator("main tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("dev"))
                    .innerText()).as("dev is listed as the facilitator").contains("Facilitator");

            page.locator("#person").fill("sam");
            page.locator("#role-VIEWER").check();
            press(page, "Give the role");
            assertThat(page.locator("main tbody").innerText()).contains("sam", "Viewer");
            follow(page, "Take away the role of sam");
            browser.check(page, "people-remove");
            assertThat(text(page)).contains("Viewer", "We keep a record of the role");
            press(page, "Yes, take away the role");
            assertThat(text(page)).contains("The role is taken away.");
            assertThat(page.locator("main tbody").innerText()).contains("dev").doesNotContain("sam");

            page.locator("#person").fill("amara");
            page.locator("#role-MEMBER").check();
            press(page, "Give the role");
            assertThat(page.locator(".govuk-error-summary").innerText()).as("the platform refuses a role given to oneself")
                    .contains("You cannot give yourself a role.");

            String closing = openCommission(page, "Closing Test Poverty Truth Commission");
            follow(page, "Close this commission");
            browser.check(page, "commission-archive");
            assertThat(text(page)).contains("We keep all it did.", "You cannot open it again in Chorus.");
            press(page, "Close the commission");
            assertThat(page.locator(".govuk-error-summary").innerText()).contains("Say why the commission is closing.");
            browser.check(page, "commission-archive-with-errors");
            page.locator("#reason").fill("The commission finished its work and shared what it learnt with the city.");
            press(page, "Close the commission");
            assertThat(page.url()).endsWith("/console/commissions/" + closing);
            assertThat(text(page)).contains("This commission is closed",
                    "Why: The commission finished its work and shared what it learnt with the city.");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Close this commission")).count())
                    .as("a closed commission is not offered for closing again").isZero();
            page.navigate(platform.gatewayUrl() + "/console/commissions/" + id);
            assertThat(text(page)).doesNotContain("This commission is closed");
        }
        try (BrowserContext context = browser.person(320, 640)) {
            Page page = signIn(context, "dev");
            follow(page, "Leeds Poverty Truth Commission");
            follow(page, "People and roles");
            page.locator("#person").fill("dev");
            page.locator("#role-FINANCE").check();
            press(page, "Give the role");
            assertThat(page.locator(".govuk-error-summary").innerText()).as("a facilitator cannot make himself finance")
                    .contains("You cannot give or take away this role. Only the people who run the network can.");
        }
    }

    /** A coordinator opens a commission from the home page's form; answers its id. */
    private static String openCommission(Page page, String name) {
        page.navigate(platform.gatewayUrl() + "/console/");
        String id = "browser-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        page.locator("#displayName").fill(name);
        page.locator("#commissionId").fill(id);
        press(page, "Open commission");
        assertThat(page.url()).as("the new commission's home, not: %s", text(page)).endsWith("/console/commissions/" + id);
        return id;
    }

    /**
     * Finance pays what two people approved in one bank-transfer batch, takes the bank's file, marks it paid (after
     * seeing how a failed payment is told), loads vouchers the commission bought and gives them, and changes the budget.
     * On a 320-pixel screen.
     */
    @Test
    @Order(11)
    void financePaysABankBatchLoadsAndGivesVouchersAndChangesTheBudget() throws IOException {
        String unique = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String work = "Checking the leaflets before printing " + unique;
        aClaimBySamApprovedOnceToBePaidByBank(work);
        try (BrowserContext context = browser.person(320, 640)) {
            Page page = signIn(context, "fin");
            follow(page, "Leeds Poverty Truth Commission");
            follow(page, "Claims to approve");
            goesOn(page, () -> page.locator(".govuk-summary-card").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(work))
                    .getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Approve")).click());
            assertThat(text(page)).as("the second approval").contains("Your approval is saved.");

            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
            follow(page, "Payouts");
            browser.check(page, "payouts");
            press(page, "Pay by bank transfer");
            assertThat(page.url()).contains("/console/commissions/leeds/payouts/");
            browser.check(page, "payout");
            assertThat(text(page)).contains("The payout is made.", "Waiting for the bank", "account ending 11");

            var download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                    new Page.GetByRoleOptions().setName("Download the file for the bank (CSV)")).click());
            assertThat(download.suggestedFilename()).startsWith("chorus-payout-leeds-").endsWith(".csv");
            String csv = Files.readString(download.path());
            assertThat(csv.lines().findFirst()).contains("Name,Sort code,Account number,Amount,Reference");
            assertThat(csv.lines().skip(1).filter(line -> line.contains("55779911")).findFirst())
                    .as("a line pays Sam's account").hasValueSatisfying(line -> assertThat(line).startsWith("SAM OKAFOR,"));

            follow(page, "Did a payment not go through?");
            browser.check(page, "payout-paid");
            page.locator("input[name=failed]").first().check();
            press(page, "Mark as paid");
            assertThat(page.locator(".govuk-error-summary").innerText()).contains("Say why the payment did not go through");
            browser.check(page, "payout-paid-with-errors");
            follow(page, "Back to the payout");
            press(page, "Mark as paid");
            assertThat(text(page)).contains("The payout is marked as paid.");
            assertThat(page.locator("main .govuk-summary-list").first().innerText()).contains("Paid on");
            follow(page, "Back to payouts");
            assertThat(page.locator("main tbody tr").first().innerText()).contains("Bank transfer", "Paid");

            page.navigate(platform.gatewayUrl() + "/console/");
            follow(page, "Salford Poverty Truth Commission");
            follow(page, "Vouchers");
            browser.check(page, "vouchers");
            press(page, "Load vouchers");
            assertThat(page.locator(".govuk-error-summary").innerText())
                    .contains("Enter the shop where the vouchers can be spent.", "Enter at least one code.");
            browser.check(page, "vouchers-with-errors");
            String first = "BT-" + unique + "-1";
            page.locator("#supplier").fill("Co-op");
            page.locator("#value").fill("5");
            page.locator("#codes").fill(first + "\nBT-" + unique + "-2\n");
            press(page, "Load vouchers");
            assertThat(text(page)).contains("The vouchers are loaded.");
            page.locator("#supplier").fill("Co-op");
            page.locator("#value").fill("5");
            page.locator("#codes").fill("BT-" + unique + "-3\n" + first);
            press(page, "Load vouchers");
            assertThat(page.locator(".govuk-error-summary").innerText()).as("a code loaded twice is named")
                    .contains("The code " + first + " was loaded before.");

            aVoucherClaimByPriyaApproved("Bus to the evening session " + unique);
            page.navigate(platform.gatewayUrl() + "/console/commissions/salford/vouchers");
            press(page, "Give vouchers");
            assertThat(text(page)).contains("The vouchers are given.", "Given", "£5.00");

            page.navigate(platform.gatewayUrl() + "/console/commissions/leeds");
            follow(page, "Budget and pay");
            browser.check(page, "budget");
            assertThat(text(page)).contains("For each hour", "Where the money is", "Spent so far");
            follow(page, "Change how we pay people");
            browser.check(page, "budget-change");
            page.locator("#budget").fill("a lot");
            press(page, "Save the change");
            assertThat(page.locator(".govuk-error-summary").innerText()).contains("Enter the budget in pounds");
            browser.check(page, "budget-change-with-errors");
            page.locator("#budget").fill("50000");
            press(page, "Save the change");
            assertThat(text(page)).contains("The change is saved.", "£50,000.00", "Left to spend");
        }
    }

    /** Sam chooses to be paid by bank and claims for {@code work}; a coordinator gives the first of its two approvals. */
    private static void aClaimBySamApprovedOnceToBePaidByBank(String work) {
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String sam = RealKeycloak.get().passwordToken("sam", DemoNetwork.DEMO_PASSWORD);
        String member = "commissions/leeds/members/" + BenefitsGuidanceIT.subject(sam);
        var preview = BenefitsGuidanceIT.preview(gateway, sam);
        assertThat(preview.status()).as(String.valueOf(preview.body())).isEqualTo(200);
        var choice = BenefitsGuidanceIT.recordChoice(gateway, sam, "/v1/" + member, "BANK_TRANSFER", preview.body());
        assertThat(choice.status()).as(String.valueOf(choice.body())).isEqualTo(200);
        approvedBy(List.of(DemoNetwork.COORDINATOR), gateway, claim(gateway, sam, "leeds", """
                {"member": "%s", "kind": "TIME", "minutes": 60, "workDate": %s, "description": "%s"}"""
                .formatted(member, today(), work)));
    }

    /** Priya (who chose vouchers) claims £5 for a bus fare; a coordinator and finance approve it. */
    private static void aVoucherClaimByPriyaApproved(String what) {
        GatewayClient gateway = new GatewayClient(platform.gatewayUrl());
        String priya = RealKeycloak.get().passwordToken("priya", DemoNetwork.DEMO_PASSWORD);
        approvedBy(List.of(DemoNetwork.COORDINATOR, "fin"), gateway, claim(gateway, priya, "salford", """
                {"member": "commissions/salford/members/%s", "kind": "EXPENSE", "expenseKind": "TRAVEL",
                 "amount": {"currencyCode": "GBP", "units": "5"}, "workDate": %s, "description": "%s"}"""
                .formatted(BenefitsGuidanceIT.subject(priya), today(), what)));
    }

    private static tools.jackson.databind.JsonNode claim(GatewayClient gateway, String token, String commission, String body) {
        GatewayClient.Response made = gateway.post("/v1/commissions/" + commission + "/claims?requestId=" + java.util.UUID.randomUUID(),
                token, body);
        assertThat(made.status()).as(String.valueOf(made.body())).isEqualTo(200);
        return made.body();
    }

    /** Each of {@code people} approves the claim in turn, with the etag the one before left. */
    private static void approvedBy(List<String> people, GatewayClient gateway, tools.jackson.databind.JsonNode claim) {
        String name = claim.path("name").asString();
        String etag = claim.path("etag").toString();
        for (String person : people) {
            GatewayClient.Response approved = gateway.post("/v1/" + name + ":approve",
                    RealKeycloak.get().passwordToken(person, DemoNetwork.DEMO_PASSWORD),
                    "{\"etag\": %s, \"requestId\": \"%s\"}".formatted(etag, java.util.UUID.randomUUID()));
            assertThat(approved.status()).as(person + ": " + approved.body()).isEqualTo(200);
            etag = approved.body().path("etag").toString();
        }
    }

    private static String today() {
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return "{\"year\": %d, \"month\": %d, \"day\": %d}".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /**
     * Presses Tab until the named link, button or field has the focus, as a keyboard user would; in a group of radios
     * (one Tab stop) the arrow keys move to the named one. Fails after 80 presses.
     */
    private static void tabTo(Page page, String name) {
        for (int presses = 0; presses < 80; presses++) {
            page.keyboard().press("Tab");
            for (int arrows = 0; arrows < 6 && "radio".equals(page.evaluate("() => document.activeElement.type")); arrows++) {
                if (name.equals(focusedName(page))) {
                    return;
                }
                page.keyboard().press("ArrowDown");
            }
            if (name.equals(focusedName(page))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached \"" + name + "\" on " + page.url());
    }

    /** What a screen reader would call the focused element: its label, else its text. */
    private static String focusedName(Page page) {
        return String.valueOf(page.evaluate("""
                () => { const e = document.activeElement; if (!e) return '';
                  if (e.labels && e.labels.length) return e.labels[0].innerText.trim();
                  return (e.innerText || e.value || '').trim(); }"""));
    }
}
