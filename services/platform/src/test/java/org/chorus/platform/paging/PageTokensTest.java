package org.chorus.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
