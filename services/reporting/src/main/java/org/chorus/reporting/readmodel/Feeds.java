package org.chorus.reporting.readmodel;

import java.util.List;

/** The other services' event feeds, as reporting reads them. */
public interface Feeds {

    /** The events of {@code feed} in {@code commission} after {@code sequence}, in order, as many as one read gives. */
    List<FeedEvent> after(FeedEvent.Feed feed, String commission, long sequence);
}
