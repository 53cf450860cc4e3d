package org.chorus.platform.personal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;

/** A service's {@link PersonalDataHolder}s together: the one way to export a person's data and to erase it. */
public final class PersonalDataHolders {

    private PersonalDataHolders() {
    }

    /** Each holder's part, by name, leaving out those that hold nothing. Inside the commission's transaction. */
    public static Map<String, Object> export(ObjectProvider<PersonalDataHolder> holders, String commission, String member,
                                             String reader) {
        Map<String, Object> held = new LinkedHashMap<>();
        holders.orderedStream().forEach(holder -> {
            Object part = holder.export(commission, member, reader);
            boolean empty = part == null || part instanceof Collection<?> c && c.isEmpty() || part instanceof Map<?, ?> m && m.isEmpty();
            if (!empty) {
                held.put(holder.part(), part);
            }
        });
        return held;
    }

    /** Every holder erases its part, then the key goes; false when the person was erased already. Inside the transaction. */
    public static boolean erase(ObjectProvider<PersonalDataHolder> holders, PersonalDataKeys keys, String commission, String member) {
        holders.orderedStream().forEach(holder -> holder.erase(commission, member));
        return keys.erase(member);
    }
}
