package org.chorus.commissions.registry;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.chorus.commissions.provisioning.EverywhereProvisioningService;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The use cases of the registry: open a commission, read one, list them. */
@Service
public class CommissionService {

    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;
    private static final String LIST_FINGERPRINT = "commissions";

    private final CommissionRepository repository;
    private final CommissionSchemaProvisioner schemas;
    private final EverywhereProvisioningService everywhere;
    private final CreateRequests requests;
    private final Clock clock;

    public CommissionService(CommissionRepository repository, CommissionSchemaProvisioner schemas,
                             EverywhereProvisioningService everywhere, JdbcClient jdbc, Clock clock) {
        this.repository = repository;
        this.schemas = schemas;
        this.everywhere = everywhere;
        // The registry is network-wide, so its request ids are too.
        this.requests = new CreateRequests(jdbc, "network.create_request");
        this.clock = clock;
    }

    /**
     * Opens a commission. A retry with the same request id returns the commission the first try
     * made; the same request id with a different request is refused. All or nothing.
     */
    @Transactional
    public Commission create(NewCommission request) {
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

    @Transactional(readOnly = true)
    public Commission get(CommissionId id) {
        return repository.find(id).orElseThrow(() -> ChorusException.notFound("COMMISSION_NOT_FOUND",
                "There is no commission called \"" + id.resourceName() + "\". Check the name and try again."));
    }

    /**
     * One page of the commissions {@code caller} may see, in id order, and the token of the next
     * page (empty on the last). Coordinators and dashboards see all; others only their own.
     */
    @Transactional(readOnly = true)
    public Page list(Caller caller, int pageSize, String pageToken) {
        int size = PageTokens.pageSize(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String after = PageTokens.after(pageToken, LIST_FINGERPRINT);
        List<Commission> found = caller.seesEveryCommission()
                ? repository.listAfter(after, size + 1)
                : repository.listAfter(after, size + 1, caller.commissions().stream()
                        .filter(CommissionId::isValid).map(CommissionId::new).collect(Collectors.toSet()));
        if (found.size() <= size) {
            return new Page(found, "");
        }
        List<Commission> page = found.subList(0, size);
        return new Page(page, PageTokens.next(page.getLast().id().value(), LIST_FINGERPRINT));
    }

    /** A page of commissions. */
    public record Page(List<Commission> commissions, String nextPageToken) {
    }
}
