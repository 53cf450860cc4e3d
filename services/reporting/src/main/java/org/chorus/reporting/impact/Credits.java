package org.chorus.reporting.impact;

import java.util.List;
import java.util.Optional;

/** The names a commission's members chose to be credited by in reports, from membership. */
public interface Credits {

    /** The names, in alphabetical order; empty when membership cannot be asked just now. */
    Optional<List<String>> of(String commission);
}
