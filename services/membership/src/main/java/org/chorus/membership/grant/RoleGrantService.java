package org.chorus.membership.grant;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.membership.grant.RoleGrantMirror.MirrorUnavailable;
import org.chorus.membership.grant.RoleGrantMirror.UnknownPerson;
import org.chorus.membership.v1.RoleGrantChanged;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The use cases of role grants: give a role, revoke it (keeping the record), list them; and keep
 * Keycloak's groups honest. Each change is recorded first, as PENDING, and then mirrored; what
 * could not be mirrored stays PENDING and {@link #mirrorPending} tries again. A grant is never lost
 * because Keycloak was down.
 */
@Service
public class RoleGrantService {

    /** The event types of the membership feed this use case publishes; their payload is a {@code RoleGrantChanged}. */
    static final String GRANTED = "role_grant.granted";
    static final String REVOKED = "role_grant.revoked";
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MIRROR_BATCH = 50;
    static final int MAX_PERSON = 254;
    private static final Logger log = LoggerFactory.getLogger(RoleGrantService.class);

    private final RoleGrantRepository grants;
    private final RoleGrantMirror mirror;
    private final CommissionTransactions transactions;
    private final CreateRequests requests;
    private final EventOutbox outbox;
    private final Clock clock;

    public RoleGrantService(RoleGrantRepository grants, RoleGrantMirror mirror, CommissionTransactions transactions,
                            CreateRequests requests, EventOutbox outbox, Clock clock) {
        this.grants = grants;
        this.mirror = mirror;
        this.transactions = transactions;
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Gives a person a role. Separation of duties: network coordinators grant any role; a
     * commission's facilitators grant member and viewer there; nobody grants a role to themself.
     * A retry with the same request id returns the first grant.
     */
    public RoleGrant create(Caller caller, NewRoleGrant request) {
        mayChange(caller, request.commission(), request.role());
        notOwn(caller, request.person());
        Optional<RoleGrant> earlier = transactions.inCommission(caller, request.commission(), () -> replay(request));
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String subject = null;
        try {
            subject = mirror.subjectOf(request.person());
        } catch (UnknownPerson unknown) {
            throw ChorusException.notFound("PERSON_NOT_FOUND", "There is nobody with that "
                    + (request.personKind() == NewRoleGrant.PersonKind.SUBJECT ? "sign-in subject" : "username")
                    + ". To give a role to someone who has not signed in yet, use their email address.");
        } catch (MirrorUnavailable unavailable) {
            log.warn("Keycloak could not be reached to find a person; the grant is recorded and mirrored later: {}",
                    unavailable.getMessage());
        }
        if (subject != null) {
            notOwn(caller, subject);
        }
        RoleGrant grant = RoleGrant.grant(request, subject, caller.subject(), now());
        RoleGrant stored = transactions.inCommission(caller, request.commission(), () -> {
            Optional<RoleGrant> raced = replay(request);
            if (raced.isPresent()) {
                return raced.get();
            }
            if (!grants.insert(grant)) {
                throw ChorusException.alreadyExists("ROLE_ALREADY_GRANTED", "This person already has this role in the commission.");
            }
            if (request.requestId() != null) {
                requests.remember(request.requestId(), request.fingerprint(), grant.resourceName());
            }
            outbox.append(changed(GRANTED, grant, caller.subject(), request.reason()));
            return grant;
        });
        return stored.mirrorState() == RoleGrant.MirrorState.PENDING ? mirror(stored) : stored;
    }

    /**
     * Revokes a grant and keeps the record. Only coordinators revoke a facilitator or finance;
     * facilitators revoke member and viewer; nobody revokes their own role. Revoking a revoked grant
     * returns it as it is.
     */
    public RoleGrant revoke(Caller caller, String commission, UUID id, String reason) {
        if (reason.strip().length() > NewRoleGrant.MAX_REASON) {
            throw ChorusException.invalid("INVALID_ROLE_GRANT", "reason",
                    "The reason must be " + NewRoleGrant.MAX_REASON + " characters or fewer.");
        }
        RoleGrant revoked = transactions.inCommission(caller, commission, () -> {
            RoleGrant grant = grants.find(id).orElseThrow(RoleGrantService::notFound);
            mayChange(caller, commission, grant.role());
            notOwn(caller, grant.subject() == null ? grant.person() : grant.subject());
            if (!grant.active()) {
                return grant;
            }
            RoleGrant next = grant.revoke(caller.subject(), now());
            if (!grants.revoke(next)) {
                throw ChorusException.aborted("GRANT_CHANGED", "Someone else changed this grant just now. Please try again.");
            }
            outbox.append(changed(REVOKED, next, caller.subject(), reason.strip()));
            return next;
        });
        return revoked.mirrorState() == RoleGrant.MirrorState.PENDING ? mirror(revoked) : revoked;
    }

    /**
     * Ends every active role of a person in the commission (they left, or were erased), recorded as
     * revoked by {@code actor} with {@code reason}. Runs inside the caller's commission transaction,
     * so it commits with what made it happen; Keycloak is told afterwards ({@link #mirrorAll}).
     *
     * @return the grants revoked
     */
    public List<RoleGrant> endRolesOf(String subject, String actor, String reason) {
        List<RoleGrant> ended = new ArrayList<>();
        for (RoleGrant grant : grants.listAfter(Instant.EPOCH, new UUID(0, 0), false, subject, Integer.MAX_VALUE)) {
            RoleGrant next = grant.revoke(actor, now());
            if (grants.revoke(next)) {
                outbox.append(changed(REVOKED, next, actor, reason));
                ended.add(next);
            }
        }
        return ended;
    }

    /** Makes Keycloak show each grant as it is now; what cannot be mirrored yet stays PENDING for the reconciler. */
    public void mirrorAll(List<RoleGrant> changed) {
        changed.forEach(this::mirror);
    }

    /**
     * One page of the commission's grants, oldest first, and the token of the next page (empty on the last).
     *
     * @param person only this person's grants (their sign-in subject, or as they were named), or null for everyone's
     */
    public Page<RoleGrant> list(Caller caller, String commission, boolean withRevoked, String person, int pageSize, String pageToken) {
        if (!caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR))) {
            throw notAllowed();
        }
        if (person != null && (person.isBlank() || person.length() > MAX_PERSON)) {
            throw ChorusException.invalid("INVALID_SUBJECT", "subject",
                    "The person to look for is their sign-in subject or how they were named: 1 to 254 characters.");
        }
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken,
                "roleGrants:" + commission + ":" + withRevoked + ":" + (person == null ? "*" : person),
                grant -> TimeAndId.key(grant.createTime(), grant.id().toString()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    Instant fromTime = after == null ? Instant.EPOCH : after.time();
                    UUID fromId = after == null ? new UUID(0, 0) : PageTokens.uuid(after.id());
                    return transactions.inCommission(caller, commission, () -> grants.listAfter(fromTime, fromId, withRevoked, person, limit));
                });
    }


    /**
     * Mirrors the grants of one commission that Keycloak has not caught up with. Stops at the first
     * time Keycloak cannot be reached.
     *
     * @return how many were mirrored
     */
    public int mirrorPending(String commission) {
        List<RoleGrant> pending = transactions.inCommission(asThisService(commission), commission, () -> grants.pending(MIRROR_BATCH));
        int done = 0;
        for (RoleGrant grant : pending) {
            if (mirror(grant).mirrorState() != RoleGrant.MirrorState.MIRRORED) {
                break;
            }
            done++;
        }
        return done;
    }

    /**
     * Makes Keycloak show the grant as it is now: in the group while any active grant gives the
     * person the role, out of it otherwise. Marks the grant mirrored only if it did not change
     * meanwhile; else the reconciler looks again. Returns the grant as it now stands.
     */
    RoleGrant mirror(RoleGrant grant) {
        Caller self = asThisService(grant.commission());
        try {
            String subject = grant.subject();
            if (subject == null) {
                subject = mirror.subjectOf(grant.person());
                String known = subject;
                transactions.inCommission(self, grant.commission(), () -> {
                    grants.recordSubject(grant.id(), known);
                    return null;
                });
            }
            if (subject.equals(grant.grantedBy()) && grant.active()) {
                // Named by username or email while Keycloak was down, the person turned out to be
                // who granted it: nobody gives themself a role, so the grant is revoked, not mirrored.
                log.warn("Grant {} was made by the person it names; revoking it instead of mirroring it", grant.resourceName());
                RoleGrant refused = grant.revoke(self.subject(), now());
                transactions.inCommission(self, grant.commission(), () -> grants.revoke(refused)
                        && outbox.append(changed(REVOKED, refused, self.subject(), "It named the person who gave it.")) > 0);
                return mirror(refused);
            }
            String person = subject;
            boolean member = transactions.inCommission(self, grant.commission(), () -> grants.holds(person, grant.role()));
            mirror.setMember(subject, grant.commission(), grant.role(), member);
            return transactions.inCommission(self, grant.commission(), () -> {
                grants.markMirrored(grant.id(), grant.version());
                return grants.find(grant.id()).orElseThrow();
            });
        } catch (MirrorUnavailable | UnknownPerson failure) {
            log.warn("Could not mirror grant {} to Keycloak yet; will try again: {}", grant.resourceName(), failure.getMessage());
            return grant;
        }
    }

    /**
     * This service, seeing that one commission only: who the mirror and membership's own jobs (the
     * retention policy) act as (the database role it takes is still the commission's, chosen in one place).
     */
    public static Caller asThisService(String commission) {
        return Caller.service("chorus-membership", commission);
    }

    private static void mayChange(Caller caller, String commission, Role role) {
        if ((role == Role.FACILITATOR || role == Role.FINANCE) && !caller.isCoordinator()) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "Only network coordinators can give or take away the facilitator and finance roles.");
        }
        if (!caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR))) {
            throw notAllowed();
        }
    }

    private Optional<RoleGrant> replay(NewRoleGrant request) {
        if (request.requestId() == null) {
            return Optional.empty();
        }
        return requests.madeEarlier(request.requestId(), request.fingerprint())
                .map(name -> grants.find(UUID.fromString(CreateRequests.idOf(name))).orElseThrow());
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: what create returns must equal what list reads later.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static NewEvent changed(String type, RoleGrant grant, String actor, String reason) {
        return new NewEvent(type, grant.resourceName(), actor, type.equals(GRANTED) ? grant.createTime() : grant.revokeTime(),
                RoleGrantChanged.newBuilder()
                        .setPerson(grant.person())
                        .setSubject(grant.subject() == null ? "" : grant.subject())
                        .setRole(grant.role().claimName())
                        .setReason(reason)
                        .build());
    }

    /** Nobody gives, changes or takes away their own role (separation of duties). */
    private static void notOwn(Caller caller, String person) {
        if (caller.subject().equals(person)) {
            throw ChorusException.permissionDenied("OWN_ROLE",
                    "You cannot give or take away your own role. Ask a network coordinator or another facilitator.");
        }
    }

    private static ChorusException notAllowed() {
        return ChorusException.permissionDenied("NOT_ALLOWED",
                "Only the commission's facilitators and network coordinators can manage its roles.");
    }

    private static ChorusException notFound() {
        return ChorusException.notFound("ROLE_GRANT_NOT_FOUND", "There is no such role grant in this commission. Check the name and try again.");
    }
}
