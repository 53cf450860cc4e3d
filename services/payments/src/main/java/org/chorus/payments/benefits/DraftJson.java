package org.chorus.payments.benefits;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Situations, plans and events as JSON bytes, for sealing and storing. A failure says nothing of the
 * content and carries no cause, so that nothing about benefits can reach a log.
 */
final class DraftJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DraftJson() {
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("Could not write " + value.getClass().getSimpleName() + " as JSON");
        }
    }

    static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalStateException("Could not read a stored " + type.getSimpleName());
        }
    }
}
