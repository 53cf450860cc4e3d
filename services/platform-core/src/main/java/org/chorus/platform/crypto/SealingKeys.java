package org.chorus.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals data with AES-256-GCM: a fresh random 12-byte nonce for every write, the id of the key
 * beside the ciphertext so that keys can be rotated (new writes use the current key; older rows
 * still open with a retired key until they are written again), and associated data (a resource
 * name, say) so that a row copied to another member or commission does not open. Plain Java; the
 * keys come from configuration, under one property name: {@code <property>} (base64 of 32 bytes),
 * {@code <property>-id}, and {@code retired-<property>s.<id>} for older keys.
 */
public final class SealingKeys {

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

    private SealingKeys(String currentKeyId, Map<String, SecretKey> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(keys);
    }

    /**
     * Keys from configuration, each the base64 of 32 bytes.
     *
     * @param property    the current key's property name, e.g. {@code chorus.payments.situation-key}
     * @param retiredKeys older keys by id, kept only to open rows written with them
     * @throws IllegalStateException when a key is missing or not 32 bytes; the message never holds a key
     */
    public static SealingKeys fromConfiguration(String property, String currentKeyId, String currentKey, Map<String, String> retiredKeys) {
        if (currentKeyId == null || !currentKeyId.matches(KEY_ID)) {
            throw new IllegalStateException(property + "-id must be 1 to 40 letters, digits, dots, dashes or underscores");
        }
        String retiredProperty = property.substring(0, property.lastIndexOf('.') + 1) + "retired-"
                + property.substring(property.lastIndexOf('.') + 1) + "s";
        Map<String, SecretKey> keys = new HashMap<>();
        keys.put(currentKeyId, key(property, currentKey));
        if (retiredKeys != null) {
            retiredKeys.forEach((id, value) -> {
                if (!id.matches(KEY_ID) || id.equals(currentKeyId)) {
                    throw new IllegalStateException(retiredProperty + "." + id + " has an id that is not valid or is the current key's");
                }
                keys.put(id, key(retiredProperty + "." + id, value));
            });
        }
        return new SealingKeys(currentKeyId, keys);
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

    /** One key, held in memory only: a person's data key, say. */
    public static SealingKeys single(String keyId, byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("A key is 32 bytes (AES-256)");
        }
        return new SealingKeys(keyId, Map.of(keyId, new SecretKeySpec(key, "AES")));
    }

    /**
     * A keyed digest of {@code value} (HMAC-SHA-256 under a key derived from the current one): to find
     * a row by a value that is stored only sealed (an email address), without storing the value. It
     * changes when the current key does, so an index made with it is rebuilt on rotation.
     */
    public String index(byte[] value) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(keys.get(currentKeyId));
            byte[] indexKey = derive.doFinal("chorus blind index".getBytes(StandardCharsets.US_ASCII));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(indexKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make an index");
        }
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
            throw new IllegalStateException("Could not seal data");
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
            throw new IllegalStateException("Data is sealed with key \"" + sealed.keyId() + "\", which is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            // No cause attached: nothing of the content may reach a log.
            throw new IllegalStateException("Sealed data did not open: it was changed, or belongs elsewhere");
        }
    }
}
