package org.chorus.payments.archfixture;

import org.chorus.commissions.archfixture.CommissionsThing;

/** A domain class that breaks the rules: it uses an adapter, Spring, and another service's code. */
public record Claim(ClaimGrpcService adapter, org.springframework.util.StringUtils spring, CommissionsThing other) {
}
