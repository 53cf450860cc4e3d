package org.chorus.commissions.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.chorus.commissions.membership.MemberOrganizations;
import org.chorus.commissions.provisioning.EverywhereProvisioningService;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The use cases of the registry: open a commission, read one, list them, archive one. */
@Service
public class CommissionService {

    static final int DEFAULT_PAGE_SIZE = 25;
    private static final String LIST_FINGERPRINT = "commissions";

    private final CommissionRepository repository;
    private final CommissionSchemaProvisioner schemas;
    private final EverywhereProvisioningService everywhere;
    private final MemberOrganizations organizations;
    private final CreateRequests requests;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CommissionService(CommissionRepository repository, CommissionSchemaProvisioner schemas,
                             EverywhereProvisioningService everywhere, MemberOrganizations organizations,
                             JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.schemas = schemas;
        this.everywhere = everywhere;
        this.organizations = organizations;
        this.transactions = transactions;
        // The registry is network-wide, so its request ids are too.
        this.requests = new CreateRequests(jdbc, "network.create_request");
        this.clock = clock;
    }

    /**
     * Opens a commission. A retry with the same request id returns the commission the first try
     * made; the same request id with a different request is refused. All or nothing. The host
     * organisations are checked with membership first, outside the transaction: no database
     * connection waits on another service.
     */
    public Commission create(NewCommission request) {
        checkHostsExist(request);
        return transactions.execute(status -> createChecked(request));
    }

    private Commission createChecked(NewCommission request) {
        if (request.requestId() != null) {
            var earlier = requests.madeEarlier(request.requestId(), request.fingerprint());
            if (earlier.isPresent()) {
                return get(CommissionId.fromName(earlier.get()));
            }
        }
        // PostgreSQL keeps microseconds: what create returns must equal what get reads later.
        Commission commission = Commission.open(request, clock.instant().truncatedTo(ChronoUnit.MICROS));
        // The commission's own schema first (idempotent, on the owner's connection): once the
        // commission is in the registry, its space is there too.
        schemas.provision(request.id().value());
        if (!repository.insert(commission)) {
            throw ChorusException.alreadyExists("COMMISSION_EXISTS",
                    "There is already a commission with the id \"" + request.id() + "\". Please choose another id.");
        }
        if (request.requestId() != null) {
            requests.remember(request.requestId(), request.fingerprint(), commission.id().resourceName());
        }
        // The other services are asked once the commission is surely in the registry.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                everywhere.provision(commission.id().value());
            }
        });
        return commission;
    }

    private void checkHostsExist(NewCommission request) {
        List<FieldViolation> unknown = new ArrayList<>();
        List<String> hosts = request.hostOrganizations();
        for (int i = 0; i < hosts.size(); i++) {
            if (!organizations.exists(hosts.get(i))) {
                unknown.add(new FieldViolation("commission.host_organizations[" + i + "]", "There is no member organisation called \""
                        + hosts.get(i) + "\". Check the name, or ask for the organisation to join the network first."));
            }
        }
        if (!unknown.isEmpty()) {
            throw ChorusException.invalid("UNKNOWN_ORGANIZATION", "Some host organisations are not member organisations.", unknown);
        }
    }

    /**
     * Archives a commission: its record is kept and can be read, but nothing in it changes any
     * more. Waits for work being written in the commission to finish (see {@link CommissionWriteService}).
     *
     * @throws ChorusException NOT_FOUND when there is no such commission, FAILED_PRECONDITION when it
     *                         is archived already, ABORTED when the etag sent is not the current one
     */
    @Transactional
    public Commission archive(CommissionArchiving request) {
        Commission current = repository.lock(request.id()).orElseThrow(() -> notFound(request.id()));
        if (current.archived()) {
            throw ChorusException.failedPrecondition("ALREADY_ARCHIVED",
                    "This commission was archived already, so there is nothing more to do.");
        }
        if (request.etag() != null && !request.etag().equals(current.etag())) {
            throw stale();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Commission archived = current.archive(request.reason(), now);
        if (!repository.update(archived, current.version())) {
            throw stale();
        }
        return archived;
    }

    private static ChorusException stale() {
        return ChorusException.aborted("STALE_ETAG", "Someone else changed this commission since you last looked. "
                + "Please read it again, then archive it if that is still right.");
    }

    private static ChorusException notFound(CommissionId id) {
        return ChorusException.notFound("COMMISSION_NOT_FOUND",
                "There is no commission called \"" + id.resourceName() + "\". Check the name and try again.");
    }

    @Transactional(readOnly = true)
    public Commission get(CommissionId id) {
        return repository.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * One page of the commissions {@code caller} may see, in id order, and the token of the next
     * page (empty on the last). Coordinators and dashboards see all; others only their own.
     * Archived commissions only when {@code showArchived}.
     */
    @Transactional(readOnly = true)
    public Page<Commission> list(Caller caller, int pageSize, String pageToken, boolean showArchived) {
        // The filter is part of the fingerprint: a token is only good for the list it came from.
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken,
                showArchived ? LIST_FINGERPRINT + ":withArchived" : LIST_FINGERPRINT,
                commission -> commission.id().value(),
                (after, limit) -> caller.seesEveryCommission()
                        ? repository.listAfter(after, limit, showArchived)
                        : repository.listAfter(after, limit, showArchived, caller.commissions().stream()
                                .filter(CommissionId::isValid).map(CommissionId::new).collect(Collectors.toSet())));
    }
}
