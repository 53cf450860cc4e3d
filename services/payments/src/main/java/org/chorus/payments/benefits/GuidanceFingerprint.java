package org.chorus.payments.benefits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.chorus.payments.guidance.Guidance;
import org.chorus.payments.guidance.Notice;

/**
 * A fingerprint of exactly the guidance a member saw: the rules versions, every effect, amount,
 * assessment and notice (code and words). The same situation, plan and rules give the same
 * fingerprint, so a recorded choice can be matched to what was shown.
 */
final class GuidanceFingerprint {

    private GuidanceFingerprint() {
    }

    static String of(Guidance guidance) {
        StringBuilder canonical = new StringBuilder("rules=").append(String.join(",", guidance.rulesVersions())).append('\n');
        guidance.benefits().forEach(b -> canonical.append("benefit=").append(b.benefit()).append(',').append(b.effect())
                .append(',').append(b.estimatedReduction().pence()).append('\n'));
        guidance.methods().forEach(m -> canonical.append("method=").append(m.method()).append(',').append(m.assessment()).append('\n'));
        canonical.append("suggestion=").append(guidance.suggestion()).append('\n');
        for (Notice n : guidance.allNotices()) {
            canonical.append("notice=").append(n.code()).append(',').append(n.severity()).append(',').append(n.checkThis())
                    .append(',').append(n.text()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** A fingerprint of any bytes, for telling a retried request from a different one. */
    static String ofBytes(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
