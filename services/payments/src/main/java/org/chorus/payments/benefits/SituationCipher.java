package org.chorus.payments.benefits;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a member's saved situation with AES-256-GCM: a fresh random 12-byte nonce for every write,
 * the id of the key beside the ciphertext so that keys can be rotated (new writes use the current
 * key; older rows still open with a retired key until they are written again), and the resource
 * name (commission and member) as associated data, so a row copied to another member or commission
 * does not open. Plain Java; the keys come from configuration.
 */
public final class SituationCipher {

    /** The bytes of an AES-256 key. */
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String KEY_ID = "[A-Za-z0-9._-]{1,40}";

    /** What is stored: the key id, the nonce and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
        public Sealed {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(ciphertext, "ciphertext");
        }
    }

    private final String currentKeyId;
    private final Map<String, SecretKey> keys;
    private final SecureRandom random = new SecureRandom();

    private SituationCipher(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /**
     * A cipher from configured keys, each the base64 of 32 bytes.
     *
     * @param retiredKeys older keys by id, kept only to open rows written with them
     * @throws IllegalStateException when a key is missing or not 32 bytes; the message never holds a key
     */
    public static SituationCipher fromConfiguration(String currentKeyId, String currentKey, Map<String, String> retiredKeys) {
        if (currentKeyId == null || !currentKeyId.matches(KEY_ID)) {
            throw new IllegalStateException("chorus.payments.situation-key-id must be 1 to 40 letters, digits, dots, dashes or underscores");
        }
        Map<String, SecretKey> keys = new HashMap<>();
        keys.put(currentKeyId, key("chorus.payments.situation-key", currentKey));
        if (retiredKeys != null) {
            retiredKeys.forEach((id, value) -> {
                if (!id.matches(KEY_ID) || id.equals(currentKeyId)) {
                    throw new IllegalStateException("A retired situation key has an id that is not valid or is the current key's");
                }
                keys.put(id, key("chorus.payments.retired-situation-keys." + id, value));
            });
        }
        return new SituationCipher(currentKeyId, keys);
    }

    private static SecretKey key(String property, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException(property + " is missing: set it to the base64 of 32 random bytes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256), but is " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** Seals {@code plaintext} with the current key, bound to {@code associatedData}. */
    public Sealed seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return new Sealed(currentKeyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a saved situation");
        }
    }

    /**
     * Opens what {@link #seal} made with the same associated data.
     *
     * @throws IllegalStateException when the key is unknown, or the data or associated data were changed
     */
    public byte[] open(Sealed sealed, byte[] associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("A saved situation is sealed with key \"" + sealed.keyId() + "\", which is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            // No cause attached: nothing of the content may reach a log.
            throw new IllegalStateException("A saved situation did not open: it was changed, or belongs elsewhere");
        }
    }
}
