package org.chorus.platform.personal;

/**
 * Something a service keeps about a person (their attendance, their benefits details, their consent):
 * exported with them and erased with them. A service declares one bean per kind of thing; the
 * platform's {@code PersonalDataService} asks each. Every method runs inside the commission's transaction.
 */
public interface PersonalDataHolder {

    /** The name of this part in an export: {@code attendance}, {@code consents}. */
    String part();

    /**
     * What is kept about the person, as plain values (maps, lists, strings, numbers, booleans) to write
     * as JSON; null or empty when nothing.
     *
     * @param reader the sign-in subject of who asked: the person, or someone for them (then special category data
     *               is left out, or its read recorded, as the service's own rules say)
     */
    Object export(String commission, String member, String reader);

    /**
     * Deletes what names the person or was theirs to say; what they gave and others count (hours,
     * amounts, dates) stays, naming nobody. Their own key is destroyed by the platform after every holder ran.
     */
    void erase(String commission, String member);

    /**
     * The person withdrew consent for {@code purpose} (as {@code chorus.membership.v1.ConsentPurpose}
     * names it): delete at once what was kept only because of it. Most holders keep nothing on consent.
     */
    default void withdrawn(String commission, String member, String purpose) {
    }
}
