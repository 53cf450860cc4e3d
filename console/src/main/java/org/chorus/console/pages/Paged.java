package org.chorus.console.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every item of one of the contract's paginated lists, page after page, for a page of the console that shows
 * them all: a commission has tens of sessions, issues and people, not thousands, so at most
 * {@link CommissionController#MAX_MEMBER_PAGES} pages of {@link CommissionController#LIST_SIZE} are read.
 */
final class Paged {

    private Paged() {
    }

    /**
     * @param call     asks for one page, given the page token ("" for the first)
     * @param items    the items of an answer
     * @param nextPage the answer's next page token ("" after the last page)
     */
    static <R, T> List<T> all(Function<String, R> call, Function<R, List<T>> items, Function<R, String> nextPage) {
        List<T> all = new ArrayList<>();
        String pageToken = "";
        for (int page = 0; page < CommissionController.MAX_MEMBER_PAGES; page++) {
            R answer = call.apply(pageToken);
            all.addAll(items.apply(answer));
            pageToken = nextPage.apply(answer);
            if (pageToken.isEmpty()) {
                break;
            }
        }
        return all;
    }
}
