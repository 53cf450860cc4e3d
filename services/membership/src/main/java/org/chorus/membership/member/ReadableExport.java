package org.chorus.membership.member;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An export as a document a person can read: each service's part under its own heading, each value on
 * a line of its own with its name in words ("display name: Sam"). Plain text, so it prints and reads
 * aloud anywhere.
 */
public final class ReadableExport {

    private ReadableExport() {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The document for what each service holds. */
    public static String document(List<OtherServices.Held> held) {
        StringBuilder text = new StringBuilder("Everything Chorus holds about you\n\n");
        text.append("This lists everything kept about you, service by service. Ask a facilitator if anything is wrong,\n")
                .append("or if you would like it erased.\n");
        for (OtherServices.Held part : held) {
            text.append("\n== ").append(words(part.service())).append(" ==\n");
            write(text, JSON.readValue(part.json(), Map.class), 0);
        }
        return text.toString();
    }

    private static void write(StringBuilder text, Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                indent(text, depth).append(words(String.valueOf(key))).append(':');
                if (inner instanceof Map<?, ?> || inner instanceof List<?>) {
                    text.append('\n');
                    write(text, inner, depth + 1);
                } else {
                    text.append(' ').append(shown(inner)).append('\n');
                }
            });
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                indent(text, depth).append("(none)\n");
            }
            for (int i = 0; i < list.size(); i++) {
                indent(text, depth).append(i + 1).append(".\n");
                write(text, list.get(i), depth + 1);
            }
        } else {
            indent(text, depth).append(shown(value)).append('\n');
        }
    }

    private static String shown(Object value) {
        if (value instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        String text = value == null ? "" : String.valueOf(value);
        return text.isEmpty() ? "(not given)" : text;
    }

    private static StringBuilder indent(StringBuilder text, int depth) {
        return text.append("  ".repeat(depth));
    }

    /** {@code displayName} → {@code display name}. */
    static String words(String key) {
        return key.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
