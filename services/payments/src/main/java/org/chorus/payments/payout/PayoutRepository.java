package org.chorus.payments.payout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chorus.platform.crypto.SealingKeys.Sealed;

/** Bank details, vouchers and payouts of the commission whose transaction is open. */
public interface PayoutRepository {

    /** A member's bank details as stored: sealed under their own key, with the last two digits in the clear. */
    record StoredBankDetails(String member, byte[] sealed, String accountEnding, Instant updateTime) {
    }

    /** A voucher as stored: its code sealed under the service's key. */
    record StoredVoucher(UUID id, Sealed code, String supplier, long valuePence, UUID claim, Instant issueTime) {
    }

    void saveBankDetails(StoredBankDetails details);

    Optional<StoredBankDetails> bankDetails(String member);

    void deleteBankDetails(String member);

    /** Adds a voucher to the stock; false (nothing written) when its code was loaded before. */
    boolean loadVoucher(UUID id, String codeIndex, Sealed code, String supplier, long valuePence, String loadedBy, Instant time);

    /** The vouchers not given yet: how many, and their value together. */
    record Stock(int count, long totalPence) {
    }

    Stock stock();

    /** The most valuable voucher in stock worth at most {@code atMostPence}, locked (skipping any another call holds). */
    Optional<StoredVoucher> takeVoucher(long atMostPence);

    void issueVoucher(UUID voucher, UUID claim, UUID payout, Instant time);

    /** Up to {@code limit} vouchers given to the member, newest first, given before ({@code beforeTime}, {@code beforeId}). */
    List<StoredVoucher> vouchersOf(String member, Instant beforeTime, UUID beforeId, int limit);

    /** Waits for any other payout being made in the commission, until the transaction ends. */
    void lockPayouts();

    void insert(Payout payout);

    Optional<Payout> find(UUID id);

    /** Stores the payout's state and its items' states, if its version is still {@code payout.version() - 1}. */
    boolean update(Payout payout);

    /** Up to {@code limit} payouts, newest first, made before ({@code beforeTime}, {@code beforeId}). */
    List<Payout> listBefore(Instant beforeTime, UUID beforeId, int limit);
}
