package org.chorus.commissions.experiment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chorus.commissions.registry.CommissionWriteService;
import org.chorus.commissions.v1.ExperimentMoved;
import org.chorus.commissions.v1.ExperimentPlanned;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.names.RandomIds;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.stereotype.Service;

/** The use cases of experiments: plan, read, list by status, move on. Every change writes its event. */
@Service
public class ExperimentService {

    static final int DEFAULT_PAGE_SIZE = 25;

    private final ExperimentRepository experiments;
    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final CommissionWriteService writes;
    private final CreateRequests requests;
    private final Clock clock;

    public ExperimentService(ExperimentRepository experiments, EventOutbox outbox,
                             CommissionTransactions transactions, CommissionWriteService writes, CreateRequests requests, Clock clock) {
        this.experiments = experiments;
        this.outbox = outbox;
        this.transactions = transactions;
        this.writes = writes;
        this.requests = requests;
        this.clock = clock;
    }

    /** Plans an experiment. A retry with the same request id returns it; another request with that id is refused. */
    public Experiment create(Caller caller, CommissionId commission, ExperimentPlan plan, UUID requestId) {
        requireFacilitator(caller, commission);
        return writes.inOpenCommission(caller, commission, () -> {
            if (requestId != null) {
                var earlier = requests.madeEarlier(requestId, plan.fingerprint());
                if (earlier.isPresent()) {
                    return experiments.find(CreateRequests.idOf(earlier.get())).orElseThrow(() -> new IllegalStateException("A remembered experiment is missing: " + earlier.get()));
                }
            }
            Instant now = now();
            Experiment experiment = Experiment.plan("ex-" + RandomIds.next(), plan, caller.subject(), now);
            experiments.insert(experiment);
            String name = experiment.resourceName(commission);
            outbox.append(new NewEvent("experiment.planned", name, caller.subject(), now,
                    ExperimentPlanned.newBuilder().setTitle(experiment.title()).setStatus(experiment.status().name()).build()));
            if (requestId != null) {
                requests.remember(requestId, plan.fingerprint(), name);
            }
            return experiment;
        });
    }

    public Experiment get(Caller caller, CommissionId commission, String id) {
        return transactions.inCommission(caller, commission.value(), () -> experiments.find(id).orElseThrow(ExperimentService::noExperiment));
    }

    /** One page of experiments, oldest first, only with {@code status} when not null. */
    public Page<Experiment> list(Caller caller, CommissionId commission, Experiment.Status status, int pageSize, String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "experiments:" + commission.value() + ":" + status,
                e -> TimeAndId.key(e.createTime(), e.id()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    return transactions.inCommission(caller, commission.value(), () -> experiments.list(status,
                            after == null ? null : after.time(), after == null ? null : after.id(), limit));
                });
    }

    /** Moves an experiment on. Only the commission's facilitators and coordinators. */
    public Experiment move(Caller caller, CommissionId commission, String id, ExperimentMove move) {
        requireFacilitator(caller, commission);
        return writes.inOpenCommission(caller, commission, () -> {
            Experiment current = experiments.lock(id).orElseThrow(ExperimentService::noExperiment);
            Instant now = now();
            Experiment moved = current.move(move, now);
            experiments.update(moved);
            outbox.append(new NewEvent("experiment.moved", moved.resourceName(commission), caller.subject(), now,
                    ExperimentMoved.newBuilder().setFromStatus(current.status().name()).setToStatus(moved.status().name())
                            .setLearning(moved.learning()).build()));
            return moved;
        });
    }

    private static void requireFacilitator(Caller caller, CommissionId commission) {
        if (!caller.holdsAnyIn(commission.value(), Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED", "Only the commission's facilitators can plan and move experiments.");
        }
    }

    private static ChorusException noExperiment() {
        return ChorusException.notFound("NO_EXPERIMENT", "There is no such experiment in this commission.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
