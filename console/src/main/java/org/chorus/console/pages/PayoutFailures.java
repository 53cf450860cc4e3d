package org.chorus.console.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * The mark-as-paid form as sent: the payout's etag and the request id it was drawn with, the payments ticked as
 * not gone through ({@code failed}: claim ids) and the reason typed for each ({@code reason-<claim id>}).
 */
public record PayoutFailures(String etag, String requestId, Set<String> failed, Map<String, String> typed) {

    static PayoutFailures none() {
        return new PayoutFailures("", RequestIds.fresh(), Set.of(), Map.of());
    }

    static PayoutFailures from(MultiValueMap<String, String> form) {
        Set<String> failed = new LinkedHashSet<>();
        List<String> ticked = form.get("failed");
        if (ticked != null) {
            // Only ids as the page wrote them: they become part of a claim's resource name.
            ticked.stream().filter(id -> id != null && id.matches("[A-Za-z0-9-]{1,64}")).forEach(failed::add);
        }
        Map<String, String> typed = new LinkedHashMap<>();
        for (String claimId : failed) {
            String reason = form.getFirst("reason-" + claimId);
            typed.put(claimId, reason == null ? "" : reason.strip());
        }
        String etag = form.getFirst("etag");
        return new PayoutFailures(etag == null ? "" : etag, form.getFirst("requestId"), failed, typed);
    }

    /** The ticked payments with no reason given: the member must be told why. */
    List<String> withoutReason() {
        List<String> missing = new ArrayList<>();
        typed.forEach((claimId, reason) -> {
            if (reason.isEmpty()) {
                missing.add(claimId);
            }
        });
        return missing;
    }

    /** Each failed payment's reason, by claim id. */
    Map<String, String> reasons() {
        return typed;
    }

    /** The same answers with a new request id: a refused request is not the one to replay. */
    PayoutFailures again() {
        return new PayoutFailures(etag, RequestIds.fresh(), failed, typed);
    }

    public boolean ticked(String claimId) {
        return failed.contains(claimId);
    }

    public String reason(String claimId) {
        return typed.getOrDefault(claimId, "");
    }
}
