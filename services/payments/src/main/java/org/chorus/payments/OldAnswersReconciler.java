package org.chorus.payments;

import org.chorus.identity.Caller;
import org.chorus.platform.jobs.OneAtATime;
import org.chorus.platform.requests.RememberedAnswers;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets the remembered answers of money-moving calls once they are {@link RememberedAnswers#KEPT_DAYS} days old, in
 * every commission, every few hours: a retry within that time still gets its first answer.
 */
@Component
class OldAnswersReconciler {

    private static final Logger log = LoggerFactory.getLogger(OldAnswersReconciler.class);

    private final OneAtATime jobs;
    private final RememberedAnswers answers;
    private final CommissionTransactions transactions;

    OldAnswersReconciler(RememberedAnswers answers, CommissionTransactions transactions, OneAtATime jobs) {
        this.jobs = jobs;
        this.answers = answers;
        this.transactions = transactions;
    }

    @Scheduled(initialDelayString = "${chorus.payments.forget-old-answers-after:5m}",
            fixedDelayString = "${chorus.payments.forget-old-answers-every:6h}")
    void forget() {
        jobs.run("forget-old-answers", this::forgetNow);
    }

    /** One round, by this instance alone (the others skip it). */
    private void forgetNow() {
        for (String commission : transactions.provisionedCommissions()) {
            try {
                int forgotten = transactions.inCommission(Caller.service("chorus-payments", commission), commission, answers::forgetOld);
                if (forgotten > 0) {
                    log.info("Forgot {} answers older than {} days in commission {}", forgotten, RememberedAnswers.KEPT_DAYS, commission);
                }
            } catch (RuntimeException failure) {
                log.warn("Could not forget old answers in commission {}; will try again: {}", commission, failure.getMessage());
            }
        }
    }
}
