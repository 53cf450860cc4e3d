package org.chorus.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.chorus.platform.errors.ChorusException;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    @Test
    void zeroMeansTheDefaultSize() {
        assertThat(PageTokens.pageSize(0, 25, 100)).isEqualTo(25);
        assertThat(PageTokens.pageSize(100, 25, 100)).isEqualTo(100);
    }

    @Test
    void sizesOutsideTheRangeAreRefusedOnThePageSizeField() {
        for (int size : new int[] {-1, 101}) {
            assertThatThrownBy(() -> PageTokens.pageSize(size, 25, 100))
                    .isInstanceOfSatisfying(ChorusException.class, e -> {
                        assertThat(e.reason()).isEqualTo("INVALID_PAGE_SIZE");
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("page_size");
                            assertThat(v.description()).contains("between 1 and 100");
                        });
                    });
        }
    }

    @Test
    void aTokenGivesBackTheKeyItWasMadeFrom() {
        String token = PageTokens.next("salford", "commissions");

        assertThat(token).doesNotContain("salford");
        assertThat(PageTokens.after(token, "commissions")).isEqualTo("salford");
        assertThat(PageTokens.after("", "commissions")).isEmpty();
    }

    @Test
    void aTokenFromAnotherListOrNotOursIsRefused() {
        String token = PageTokens.next("salford", "sessions?from=2026-01-01");

        for (String bad : new String[] {token, "!!!", "bm90LW91cnM", PageTokens.next("", "commissions")}) {
            assertThatThrownBy(() -> PageTokens.after(bad, "commissions"))
                    .isInstanceOfSatisfying(ChorusException.class,
                            e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN"));
        }
    }

    @Test
    void aListIsReadPageByPageUntilTheLastWithNoToken() {
        List<String> ids = List.of("a", "b", "c", "d", "e");
        BiFunction<String, Integer, List<String>> read = (after, limit) -> ids.stream()
                .filter(id -> id.compareTo(after) > 0).limit(limit).toList();

        PageTokens.Page<String> first = PageTokens.page(2, 25, "", "letters", id -> id, read);
        PageTokens.Page<String> second = PageTokens.page(2, 25, first.nextPageToken(), "letters", id -> id, read);
        PageTokens.Page<String> last = PageTokens.page(2, 25, second.nextPageToken(), "letters", id -> id, read);

        assertThat(first.items()).containsExactly("a", "b");
        assertThat(second.items()).containsExactly("c", "d");
        assertThat(last.items()).containsExactly("e");
        assertThat(last.nextPageToken()).isEmpty();
        assertThatThrownBy(() -> PageTokens.page(2, 25, first.nextPageToken(), "numbers", id -> id, read))
                .as("a token works only for the list it came from")
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN"));
        assertThatThrownBy(() -> PageTokens.page(101, 25, "", "letters", id -> id, read))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_SIZE"));
    }

    @Test
    void aTimeAndIdKeyReadsBackAndAForgedOneIsRefused() {
        Instant at = Instant.parse("2026-11-18T10:00:00.123456Z");
        String key = PageTokens.TimeAndId.key(at, "s-42");

        assertThat(PageTokens.TimeAndId.of(key)).isEqualTo(new PageTokens.TimeAndId(at, "s-42"));
        assertThat(PageTokens.TimeAndId.of("")).as("the first page").isNull();
        for (String forged : new String[] {"no-bar", "yesterday|s-42"}) {
            assertThatThrownBy(() -> PageTokens.TimeAndId.of(forged))
                    .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("INVALID_PAGE_TOKEN"));
        }
        assertThat(PageTokens.number("", 0)).isZero();
        assertThat(PageTokens.number("7", 0)).isEqualTo(7);
        assertThatThrownBy(() -> PageTokens.number("seven", 0)).isInstanceOf(ChorusException.class);
    }
}
