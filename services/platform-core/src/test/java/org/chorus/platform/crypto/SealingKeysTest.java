package org.chorus.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealingKeysTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("another-key-of-exactly-32-bytes!".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] SAM = "commissions/leeds/members/sam/benefitsSituation".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PRIYA = "commissions/salford/members/priya/benefitsSituation".getBytes(StandardCharsets.UTF_8);

    @Test
    void whatIsSealedOpensOnlyWithTheSameAssociatedData() {
        SealingKeys cipher = SealingKeys.fromConfiguration("chorus.payments.situation-key", "k1", KEY_A, Map.of());
        byte[] plain = "UNIVERSAL_CREDIT".getBytes(StandardCharsets.UTF_8);

        var sealed = cipher.seal(plain, SAM);

        assertThat(sealed.nonce()).hasSize(12);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("UNIVERSAL");
        assertThat(cipher.open(sealed, SAM)).isEqualTo(plain);
        assertThatThrownBy(() -> cipher.open(sealed, PRIYA)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyWriteHasAFreshNonce() {
        SealingKeys cipher = SealingKeys.fromConfiguration("chorus.payments.situation-key", "k1", KEY_A, Map.of());
        byte[] plain = "same".getBytes(StandardCharsets.UTF_8);

        assertThat(cipher.seal(plain, SAM).nonce()).isNotEqualTo(cipher.seal(plain, SAM).nonce());
    }

    @Test
    void aRotatedKeyStillOpensOldRowsAndNewRowsUseTheNewKey() {
        var old = SealingKeys.fromConfiguration("chorus.payments.situation-key", "k1", KEY_A, Map.of()).seal("x".getBytes(StandardCharsets.UTF_8), SAM);
        SealingKeys rotated = SealingKeys.fromConfiguration("chorus.payments.situation-key", "k2", KEY_B, Map.of("k1", KEY_A));

        assertThat(rotated.open(old, SAM)).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
        assertThat(rotated.seal(new byte[1], SAM).keyId()).isEqualTo("k2");
        assertThatThrownBy(() -> SealingKeys.fromConfiguration("chorus.payments.situation-key", "k2", KEY_B, Map.of()).open(old, SAM))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("k1");
    }

    @Test
    void aMissingOrWrongSizedKeyStopsStartUpWithoutShowingTheKey() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SealingKeys.fromConfiguration("chorus.payments.situation-key", "k1", null, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> SealingKeys.fromConfiguration("chorus.payments.situation-key", "k1", short16, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes").hasMessageNotContaining(short16);
        assertThatThrownBy(() -> SealingKeys.fromConfiguration("chorus.payments.situation-key", "k1", "not base64!!", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> SealingKeys.fromConfiguration("chorus.payments.situation-key", "", KEY_A, Map.of())).isInstanceOf(IllegalStateException.class);
    }
}
