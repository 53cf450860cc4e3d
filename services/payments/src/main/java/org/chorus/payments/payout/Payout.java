package org.chorus.payments.payout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Paying approved claims at once, by one method.
 *
 * @param claimsLeftOut approved claims to be paid this way that could not be when it was made
 */
public record Payout(UUID id, String commission, Method method, State state, long totalPence, List<Item> items, String createdBy,
                     Instant createTime, String doneBy, Instant doneTime, long version, int claimsLeftOut) {

    /** How a payout pays. */
    public enum Method {
        BANK_TRANSFER, VOUCHERS
    }

    /** Where a payout is. */
    public enum State {
        SENT_TO_BANK, DONE
    }

    /** Where one claim's payment is. */
    public enum ItemState {
        WAITING, PAID, FAILED
    }

    /** One claim in a payout: what it pays the member, and how that went. */
    public record Item(UUID claim, String member, long amountPence, ItemState state, String failureReason) {
    }

    public Payout {
        items = List.copyOf(items);
    }

    public String resourceName() {
        return "commissions/" + commission + "/payouts/" + id;
    }

    public String etag() {
        return "\"" + version + "\"";
    }
}
