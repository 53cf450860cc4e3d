package org.chorus.platform.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.crypto.SealingKeys;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.platform.tenancy.TenancyTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crypto-shredding on a real PostgreSQL: each person's fields open only with their own key, bound to
 * the person and the field; once the person is erased their key is gone, nothing sealed under it opens
 * again, and nothing new is sealed for them.
 */
class PersonalDataKeysTest {

    private static final Caller SERVICE = new Caller("s-service", Optional.empty(), Set.of(Role.SERVICE), Map.of());
    private static final String KEY = Base64.getEncoder().encodeToString("a-test-only-key-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII));

    private static TenancyTestDatabase database;
    private static CommissionTransactions transactions;
    private static PersonalDataKeys keys;

    @BeforeAll
    static void setUp() {
        database = TenancyTestDatabase.of("keystest", "personal_keys_test", 2, "leeds");
        transactions = database.transactions();
        keys = new PersonalDataKeys(database.jdbc(), SealingKeys.fromConfiguration("chorus.personal-data.key", "k1", KEY, Map.of()),
                Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aFieldOpensOnlyForItsPersonAndFieldAndNotAtAllOnceThePersonIsErased() {
        byte[] sealed = inLeeds(() -> keys.sealText("rosa", "member.name", "Rosa Example"));

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Rosa");
        assertThat(inLeeds(() -> keys.openText("rosa", "member.name", sealed))).contains("Rosa Example");
        assertThatThrownBy(() -> inLeeds(() -> keys.openText("rosa", "member.phone", sealed)))
                .as("bound to its field").isInstanceOf(IllegalStateException.class);
        inLeeds(() -> keys.sealText("sam", "member.name", "Sam"));
        assertThatThrownBy(() -> inLeeds(() -> keys.openText("sam", "member.name", sealed)))
                .as("copied to another person, it does not open").isInstanceOf(IllegalStateException.class);
        String wrapped = inLeeds(() -> database.jdbc().sql("SELECT encode(wrapped_key, 'hex') FROM person_key WHERE person = 'rosa'")
                .query(String.class).single());
        assertThat(wrapped).as("the person's key is kept only wrapped").hasSizeGreaterThan(64);

        assertThat(inLeeds(() -> keys.erase("rosa"))).isTrue();

        assertThat(inLeeds(() -> keys.openText("rosa", "member.name", sealed))).as("the key is gone").isEmpty();
        assertThat(inLeeds(() -> keys.erased("rosa"))).isTrue();
        assertThat(inLeeds(() -> keys.erase("rosa"))).as("erasing twice does nothing more").isFalse();
        assertThatThrownBy(() -> inLeeds(() -> keys.sealText("rosa", "member.name", "Rosa again")))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.reason()).isEqualTo("MEMBER_ERASED"));
        assertThat(inLeeds(() -> keys.openText("sam", "member.name", inLeeds(() -> keys.sealText("sam", "member.name", "Sam")))))
                .as("nobody else's key went").contains("Sam");
    }

    @Test
    void anIndexFindsAValueWithoutKeepingIt() {
        assertThat(keys.index("rosa@example.org")).isEqualTo(keys.index("rosa@example.org")).doesNotContain("rosa")
                .isNotEqualTo(keys.index("sam@example.org"));
    }

    private static <T> T inLeeds(Supplier<T> work) {
        return transactions.inCommission(SERVICE, "leeds", work);
    }
}
