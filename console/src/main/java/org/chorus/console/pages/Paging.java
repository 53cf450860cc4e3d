package org.chorus.console.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Every item of a list the platform gives page by page, up to a number of pages (a commission has tens of each, not thousands). */
final class Paging {

    /** The pages of one list read for one page of the console. */
    static final int MAX_PAGES = 10;

    private Paging() {
    }

    /**
     * The items of each page, from the first ({@code ""}) until a page has no next-page token.
     *
     * @param call  the list call for a page token
     * @param items a page's items
     * @param next  a page's next-page token, empty on the last page
     */
    static <R, T> List<T> all(Function<String, R> call, Function<R, List<T>> items, Function<R, String> next) {
        List<T> all = new ArrayList<>();
        String pageToken = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            R answer = call.apply(pageToken);
            all.addAll(items.apply(answer));
            pageToken = next.apply(answer);
            if (pageToken.isEmpty()) {
                break;
            }
        }
        return all;
    }
}
