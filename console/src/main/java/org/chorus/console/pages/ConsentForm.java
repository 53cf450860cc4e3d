package org.chorus.console.pages;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chorus.console.platform.Platform;
import org.chorus.membership.v1.Consent;
import org.chorus.membership.v1.ConsentPurposeWording;
import org.chorus.membership.v1.ListConsentPurposesRequest;
import org.chorus.membership.v1.ListConsentsRequest;
import org.chorus.membership.v1.RecordConsentRequest;
import org.springframework.util.MultiValueMap;

/**
 * The consent form, for a person's own answers and for a facilitator recording them with the person: one yes or
 * no per purpose, against the wording shown. The form sends {@code answer-PURPOSE} (yes or no) and
 * {@code version-PURPOSE} (the wording's version); only a changed answer is recorded, so pressing Save twice
 * records nothing the second time.
 */
public final class ConsentForm {

    /**
     * One purpose on the form: the platform's title and words, and the person's latest answer (null: none yet),
     * whether someone else recorded it for them, and when.
     */
    public record PurposeRow(String purpose, int version, String title, String wording, Boolean given, boolean onBehalf,
                             Timestamp answeredAt) {
    }

    private ConsentForm() {
    }

    /** Each purpose in the platform's order, with the person's latest answer to it. */
    static List<PurposeRow> rows(List<ConsentPurposeWording> purposes, List<Consent> consents) {
        Map<String, Consent> latest = new HashMap<>();
        for (Consent consent : consents) {
            // Oldest first: a later answer replaces an earlier one.
            latest.put(consent.getPurpose().name(), consent);
        }
        List<PurposeRow> rows = new ArrayList<>();
        for (ConsentPurposeWording purpose : purposes) {
            Consent answer = latest.get(purpose.getPurpose().name());
            rows.add(new PurposeRow(purpose.getPurpose().name(), purpose.getVersion(), purpose.getTitle(), purpose.getWording(),
                    answer == null ? null : answer.getGiven(), answer != null && answer.getOnBehalf(),
                    answer == null ? null : answer.getRecordTime()));
        }
        return rows;
    }

    /**
     * The rows with the answers as typed in {@code form} in place of the saved ones, for a form drawn again with
     * its errors; a purpose left unanswered keeps its saved answer.
     */
    static List<PurposeRow> asTyped(List<PurposeRow> rows, MultiValueMap<String, String> form) {
        return rows.stream().map(row -> {
            String answer = form.getFirst("answer-" + row.purpose());
            if (!"yes".equals(answer) && !"no".equals(answer)) {
                return row;
            }
            return new PurposeRow(row.purpose(), row.version(), row.title(), row.wording(), "yes".equals(answer), row.onBehalf(),
                    row.answeredAt());
        }).toList();
    }

    /**
     * Records each answer in {@code form} that differs from the person's latest (RecordConsent).
     *
     * @param member       the person, {@code commissions/{c}/members/{m}}
     * @param memberAgreed for someone recording it for the person: that the person agreed to these answers
     */
    static void record(Platform platform, String member, MultiValueMap<String, String> form, boolean memberAgreed) {
        List<ConsentPurposeWording> purposes = platform.consents()
                .listConsentPurposes(ListConsentPurposesRequest.getDefaultInstance()).getPurposesList();
        List<Consent> before = platform.consents().listConsents(ListConsentsRequest.newBuilder().setParent(member).build())
                .getConsentsList();
        List<PurposeRow> rows = rows(purposes, before);
        for (int i = 0; i < rows.size(); i++) {
            PurposeRow row = rows.get(i);
            String answer = form.getFirst("answer-" + row.purpose());
            if (!"yes".equals(answer) && !"no".equals(answer)) {
                continue;
            }
            boolean yes = "yes".equals(answer);
            int shownVersion = version(form.getFirst("version-" + row.purpose()), row.version());
            if (Boolean.valueOf(yes).equals(row.given()) && shownVersion == row.version()) {
                continue;
            }
            platform.consents().recordConsent(RecordConsentRequest.newBuilder()
                    .setParent(member)
                    .setPurpose(purposes.get(i).getPurpose())
                    .setGiven(yes)
                    .setWordingVersion(shownVersion)
                    .setMemberAgreed(memberAgreed)
                    .build());
        }
    }

    private static int version(String sent, int current) {
        try {
            return sent == null ? current : Integer.parseInt(sent);
        } catch (NumberFormatException notANumber) {
            return current;
        }
    }
}
