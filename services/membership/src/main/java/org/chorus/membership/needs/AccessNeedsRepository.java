package org.chorus.membership.needs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Access needs and the record of who read them, in the commission whose transaction is open. */
public interface AccessNeedsRepository {

    Optional<AccessNeeds> find(String member);

    /** Stores them if the stored version is still {@code needs.version() - 1} (0: none stored); false otherwise. */
    boolean save(String member, AccessNeeds needs);

    void delete(String member);

    /** The saved needs of every member who is taking part now. */
    List<AccessNeeds> ofActiveMembers();

    void recordRead(String member, String what, String reader, Instant time);

    /** Reads of the member's data, newest first, before the read with id {@code beforeId}. */
    List<Read> readsBefore(String member, long beforeId, int limit);

    /** One read of a person's special category data by someone else. */
    record Read(long id, String what, String reader, Instant time) {
    }
}
