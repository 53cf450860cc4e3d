package org.chorus.platform.personal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.chorus.platform.crypto.SealingKeys;
import org.chorus.platform.crypto.SealingKeys.Sealed;
import org.chorus.platform.errors.ChorusException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Crypto-shredding. Each person's personal fields in a commission are sealed under a data key of their
 * own (AES-256-GCM), kept in the commission's schema only wrapped by the service's key. Erasing a person
 * destroys their data key: what was sealed under it can never be opened again, in any table or any
 * backup, while the rows that hold no personal field (hours, amounts, dates) stay and still count.
 * <p>
 * Every method runs inside a commission's transaction (the search path is its schema). Associated data
 * binds each sealed value to its commission, person and field, so a value copied elsewhere does not open.
 */
public final class PersonalDataKeys {

    private static final int NONCE_BYTES = 12;

    private final JdbcClient jdbc;
    private final SealingKeys serviceKeys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataKeys(JdbcClient jdbc, SealingKeys serviceKeys, Clock clock) {
        this.jdbc = jdbc;
        this.serviceKeys = serviceKeys;
        this.clock = clock;
    }

    /**
     * {@code plaintext} sealed under the person's key (made on first use), bound to {@code field}.
     *
     * @throws ChorusException FAILED_PRECONDITION ({@code MEMBER_ERASED}) when the person was erased
     */
    public byte[] seal(String person, String field, byte[] plaintext) {
        Sealed sealed = keyOf(person, true).orElseThrow(PersonalDataKeys::erasedAlready)
                .seal(plaintext, associated(person, field));
        return ByteBuffer.allocate(NONCE_BYTES + sealed.ciphertext().length).put(sealed.nonce()).put(sealed.ciphertext()).array();
    }

    /** A UTF-8 string sealed, or null for null. */
    public byte[] sealText(String person, String field, String text) {
        return text == null ? null : seal(person, field, text.getBytes(StandardCharsets.UTF_8));
    }

    /** What {@link #seal} made, opened; empty when the person was erased (their key is gone) or {@code sealed} is null. */
    public Optional<byte[]> open(String person, String field, byte[] sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        return keyOf(person, false).map(key -> key.open(new Sealed("person",
                Arrays.copyOf(sealed, NONCE_BYTES), Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length)), associated(person, field)));
    }

    /** {@link #open} as UTF-8 text. */
    public Optional<String> openText(String person, String field, byte[] sealed) {
        return open(person, field, sealed).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Destroys the person's key, for good, and remembers that they were erased.
     *
     * @return false when they were erased already
     */
    public boolean erase(String person) {
        jdbc.sql("DELETE FROM person_key WHERE person = :person").param("person", person).update();
        return jdbc.sql("INSERT INTO erased_person (person, erase_time) VALUES (:person, :time) ON CONFLICT (person) DO NOTHING")
                .param("person", person).param("time", Timestamp.from(clock.instant())).update() == 1;
    }

    /** Whether the person was erased. */
    public boolean erased(String person) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM erased_person WHERE person = :person)").param("person", person)
                .query(Boolean.class).single();
    }

    /** A keyed digest of a value that is stored only sealed, to find it again ({@link SealingKeys#index}). */
    public String index(String value) {
        return serviceKeys.index(value.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<SealingKeys> keyOf(String person, boolean makeIfMissing) {
        Optional<WrappedKey> stored = find(person);
        if (stored.isEmpty() && makeIfMissing && !erased(person)) {
            byte[] key = new byte[SealingKeys.KEY_BYTES];
            random.nextBytes(key);
            Sealed wrapped = serviceKeys.seal(key, wrapping(person));
            jdbc.sql("""
                            INSERT INTO person_key (person, key_id, nonce, wrapped_key, create_time)
                            VALUES (:person, :keyId, :nonce, :wrapped, :time) ON CONFLICT (person) DO NOTHING""")
                    .param("person", person).param("keyId", wrapped.keyId()).param("nonce", wrapped.nonce())
                    .param("wrapped", wrapped.ciphertext()).param("time", Timestamp.from(clock.instant()))
                    .update();
            // Another transaction may have made it first: theirs is the one.
            stored = find(person);
        }
        return stored.map(w -> SealingKeys.single("person", serviceKeys.open(new Sealed(w.keyId(), w.nonce(), w.wrapped()), wrapping(person))));
    }

    private Optional<WrappedKey> find(String person) {
        return jdbc.sql("SELECT key_id, nonce, wrapped_key FROM person_key WHERE person = :person")
                .param("person", person)
                .query((rs, row) -> new WrappedKey(rs.getString(1), rs.getBytes(2), rs.getBytes(3)))
                .optional();
    }

    private byte[] wrapping(String person) {
        return ("person-key:" + schema() + ":" + person).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] associated(String person, String field) {
        return ("personal:" + schema() + ":" + person + ":" + field).getBytes(StandardCharsets.UTF_8);
    }

    private String schema() {
        return jdbc.sql("SELECT current_schema()").query(String.class).single();
    }

    private static ChorusException erasedAlready() {
        return ChorusException.failedPrecondition("MEMBER_ERASED",
                "This person's details were erased, so nothing more can be kept about them.");
    }

    private record WrappedKey(String keyId, byte[] nonce, byte[] wrapped) {
    }
}
