package org.chorus.membership.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chorus.identity.Caller;
import org.chorus.identity.Role;
import org.chorus.membership.grant.RoleGrant;
import org.chorus.membership.grant.RoleGrantMirror.MirrorUnavailable;
import org.chorus.membership.grant.RoleGrantMirror.UnknownPerson;
import org.chorus.membership.grant.RoleGrantMirror;
import org.chorus.membership.grant.RoleGrantService;
import org.chorus.membership.member.Member.StateChange;
import org.chorus.membership.member.MemberState.Change;
import org.chorus.membership.member.PersonalDetails.Credit;
import org.chorus.membership.v1.MemberChanged;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.Violations;
import org.chorus.platform.events.EventOutbox;
import org.chorus.platform.events.NewEvent;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens.TimeAndId;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.personal.PersonalDataHolder;
import org.chorus.platform.personal.PersonalDataHolders;
import org.chorus.platform.personal.PersonalDataKeys;
import org.chorus.platform.requests.CreateRequests;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The use cases of the people in a commission: adding them (with an account, invited by email, or
 * with neither), their details, the changes in their time with the commission (with the whole
 * history), and their right to their data: an export of everything, and erasure by destroying the key
 * their details were sealed with.
 * <p>
 * Who may: network coordinators and the commission's facilitators act on anyone; a member on
 * themself. Someone acting for a member says the member agreed, and the record says who acted.
 * A member's contact details and full name are shown only to them and the commission's facilitators.
 */
@Service
public class MemberService {

    /** The event types this use case publishes on the membership feed; their payload is a {@code MemberChanged}. */
    static final String ADDED = "member.added";
    static final String STATE_CHANGED = "member.state_changed";
    static final String UPDATED = "member.updated";
    static final String ERASED = "member.erased";
    static final int MAX_REASON = 500;
    static final int DEFAULT_PAGE_SIZE = 25;
    /** The fields a member may change about themself; facilitators also change {@code kind} and {@code organization}. */
    private static final int EVERYONE_PAGE = 500;
    public static final List<String> OWN_FIELDS = List.of("display_name", "contact", "credit", "chosen_name");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MemberRepository members;
    private final RoleGrantService roles;
    private final RoleGrantMirror accountsByName;
    private final Accounts accounts;
    /** Lazily: the parts are themselves use cases that need this one. */
    private final ObjectProvider<PersonalDataHolder> holders;
    private final OtherServices others;
    private final PersonalDataKeys keys;
    private final CommissionTransactions transactions;
    private final CreateRequests requests;
    private final EventOutbox outbox;
    private final Clock clock;

    public MemberService(MemberRepository members, RoleGrantService roles, RoleGrantMirror accountsByName, Accounts accounts,
                         ObjectProvider<PersonalDataHolder> holders,
                         OtherServices others, PersonalDataKeys keys,
                         CommissionTransactions transactions, CreateRequests requests, EventOutbox outbox, Clock clock) {
        this.members = members;
        this.roles = roles;
        this.accountsByName = accountsByName;
        this.accounts = accounts;
        this.holders = holders;
        this.others = others;
        this.keys = keys;
        this.transactions = transactions;
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A member as one caller may see them: {@code personal} false hides their full name and contact details. */
    public record Seen(Member member, boolean personal) {
    }

    /**
     * Adds a person: with their account's subject they are ACTIVE under that id; with only an email
     * address they are INVITED, under the id of an account made to wait for their first sign-in; with
     * neither, ACTIVE under a new id. A retry with the same request id returns the first result.
     */
    public Seen create(Caller caller, NewMember command) {
        String commission = command.commission();
        mayManage(caller, commission);
        Optional<Member> earlier = transactions.inCommission(caller, commission, () -> replay(command));
        if (earlier.isPresent()) {
            return new Seen(earlier.get(), true);
        }
        String email = command.personal().email();
        if (!email.isEmpty() && transactions.inCommission(caller, commission, () -> members.hasEmail(email))) {
            throw alreadyHere();
        }
        String id;
        Change first;
        if (!command.account().isEmpty()) {
            id = account(command.account());
            if (!id.equals(command.account())) {
                throw ChorusException.invalid("INVALID_MEMBER", "member.account",
                        "Send the account's sign-in subject, not its username or email address.");
            }
            first = Change.JOIN;
        } else if (!email.isEmpty()) {
            // The account they have, or one made to wait for their first sign-in.
            id = account(email);
            first = Change.INVITE;
        } else {
            id = UUID.randomUUID().toString();
            first = Change.JOIN;
        }
        Instant now = now();
        MemberState state = first == Change.INVITE ? MemberState.INVITED : MemberState.ACTIVE;
        String account = command.account().isEmpty() && email.isEmpty() ? null : id;
        Member member = new Member(commission, id, account, command.kind(), state, command.credit(), blankToNull(command.organization()),
                command.personal(), List.of(), now, now, 1);
        StateChange change = new StateChange(first, state, today(), "", caller.subject(), !caller.subject().equals(id), now);
        Member stored = transactions.inCommission(caller, commission, () -> {
            Optional<Member> raced = replay(command);
            if (raced.isPresent()) {
                return raced.get();
            }
            if (!members.insert(member, change)) {
                throw alreadyHere();
            }
            if (command.requestId() != null) {
                requests.remember(command.requestId(), command.fingerprint(), member.resourceName());
            }
            outbox.append(event(ADDED, member, first, change.onBehalf(), caller, now));
            return members.find(id).orElseThrow();
        });
        return new Seen(stored, true);
    }

    /** One member. A member may read only their own record. */
    public Seen get(Caller caller, String commission, String id) {
        boolean personal = seesPersonal(caller, commission, id);
        return new Seen(transactions.inCommission(caller, commission, () -> find(id)), personal);
    }

    /** One page of the commission's members, oldest first. */
    public Page<Seen> list(Caller caller, String commission, int pageSize, String pageToken) {
        mayManage(caller, commission);
        boolean personal = caller.rolesIn(commission).contains(Role.FACILITATOR);
        Page<Member> page = PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, "members:" + commission,
                member -> TimeAndId.key(member.createTime(), member.id()),
                (key, limit) -> {
                    TimeAndId after = TimeAndId.of(key);
                    return transactions.inCommission(caller, commission, () -> members.listAfter(
                            after == null ? Instant.EPOCH : after.time(), after == null ? "" : after.id(), limit));
                });
        return new Page<>(page.items().stream().map(m -> new Seen(m, personal)).toList(), page.nextPageToken());
    }

    /** Every member of the commission whose transaction is open, oldest first. */
    public List<Member> everyone() {
        List<Member> all = new ArrayList<>();
        List<Member> page;
        do {
            Member last = all.isEmpty() ? null : all.getLast();
            page = members.listAfter(last == null ? Instant.EPOCH : last.createTime(), last == null ? "" : last.id(), EVERYONE_PAGE);
            all.addAll(page);
        } while (page.size() == EVERYONE_PAGE);
        return all;
    }

    /**
     * Changes the fields named in {@code fields}, taking their values from {@code sent}. A member may
     * change {@link #OWN_FIELDS} about themself; facilitators and coordinators also kind and organisation.
     *
     * @param etag the etag last read, or blank to change regardless
     */
    public Seen update(Caller caller, String commission, String id, Set<String> fields, NewMember sent, String etag) {
        boolean self = isSelf(caller, commission, id);
        if (!self) {
            mayManage(caller, commission);
        } else if (!OWN_FIELDS.containsAll(fields) && !caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "You can change your name, how to reach you and how you are credited. Ask a facilitator to change the rest.");
        }
        Member updated = transactions.inCommission(caller, commission, () -> {
            Member member = changeable(find(id), etag);
            PersonalDetails was = member.personal();
            PersonalDetails details = new PersonalDetails(
                    fields.contains("display_name") ? sent.personal().displayName() : was.displayName(),
                    fields.contains("chosen_name") ? sent.personal().chosenName() : was.chosenName(),
                    fields.contains("contact") ? sent.personal().email() : was.email(),
                    fields.contains("contact") ? sent.personal().phone() : was.phone());
            Credit credit = fields.contains("credit") ? sent.credit() : member.credit();
            Violations violations = new Violations();
            details.check(violations, "member.", !was.displayName().isEmpty() || fields.contains("display_name"));
            violations.check(!fields.contains("credit") || sent.credit() != null, "member.credit",
                    "Say how the person wants to be credited: FULL_NAME, FIRST_NAME, CHOSEN_NAME or ANONYMOUS.");
            violations.check(!fields.contains("kind") || sent.kind() != null, "member.kind",
                    "Say how the person takes part: EXPERT_BY_EXPERIENCE, CIVIC_COMMISSIONER or BUSINESS_COMMISSIONER.");
            violations.check(!fields.contains("organization") || NewMember.isOrganization(sent.organization()), "member.organization",
                    NewMember.ORGANIZATION_FORM);
            violations.check(credit != Credit.CHOSEN_NAME || !details.chosenName().isEmpty(), "member.chosen_name",
                    "Give the name the person chose to be credited by.");
            violations.throwIfAny("INVALID_MEMBER", "Some of the person's details need changing: see each field.");
            if (!details.email().isEmpty() && !details.email().equals(was.email()) && members.hasEmail(details.email())) {
                throw alreadyHere();
            }
            Instant now = now();
            Member next = new Member(commission, id, member.account(), fields.contains("kind") ? sent.kind() : member.kind(),
                    member.state(), credit, fields.contains("organization") ? blankToNull(sent.organization()) : member.organization(),
                    details, member.history(), member.createTime(), now, member.version() + 1);
            if (!members.update(next)) {
                throw changedMeanwhile();
            }
            outbox.append(event(UPDATED, next, null, !self, caller, now));
            return members.find(id).orElseThrow();
        });
        return new Seen(updated, seesPersonal(caller, commission, id));
    }

    /**
     * Records a change in the member's time with the commission. Leaving ends their roles here.
     *
     * @param day    the day it took effect, or null for today
     * @param agreed for someone acting for the member: that the member agreed
     */
    public Seen changeState(Caller caller, String commission, String id, Change change, LocalDate day, String reason,
                            boolean agreed, String etag) {
        boolean self = actingFor(caller, commission, id, agreed);
        Violations violations = new Violations();
        violations.check(change != null && change != Change.INVITE && change != Change.ERASE, "change",
                "Say what changed: JOIN, PAUSE, RESUME, LEAVE or RETURN. To erase someone's details, use EraseMember.");
        violations.checkText(reason, "reason", "the reason", 0, MAX_REASON);
        LocalDate effective = day == null ? today() : day;
        violations.check(Math.abs(ChronoUnit.DAYS.between(today(), effective)) <= 366, "effective_date",
                "The day it took effect must be within a year of today.");
        violations.throwIfAny("INVALID_MEMBER", "The change needs fixing: see each field.");
        List<RoleGrant> ended = new ArrayList<>();
        Member changed = transactions.inCommission(caller, commission, () -> {
            Member member = changeable(find(id), etag);
            MemberState next = member.state().after(change).orElseThrow(() -> ChorusException.failedPrecondition(
                    "STATE_CHANGE_NOT_ALLOWED", "This person is " + words(member.state()) + ", so they cannot " + words(change)
                            + ". From here they can " + member.state().possibleChanges() + "."));
            Instant now = now();
            members.addChange(id, new StateChange(change, next, effective, reason.strip(), caller.subject(), !self, now));
            Member moved = new Member(commission, id, member.account(), member.kind(), next, member.credit(), member.organization(),
                    member.personal(), member.history(), member.createTime(), now, member.version() + 1);
            if (!members.update(moved)) {
                throw changedMeanwhile();
            }
            if (next == MemberState.LEFT) {
                ended.addAll(roles.endRolesOf(id, caller.subject(), "They left the commission."));
            }
            outbox.append(event(STATE_CHANGED, moved, change, !self, caller, now));
            return members.find(id).orElseThrow();
        });
        roles.mirrorAll(ended);
        return new Seen(changed, seesPersonal(caller, commission, id));
    }

    /**
     * Erases the member's personal details in this commission for good, in every service: each erases
     * its part and destroys its key for them, membership last, so a failure part way is put right by
     * asking again. Their roles here end; what stays (their place in the counts, consent dates) names nobody.
     *
     * @throws ChorusException FAILED_PRECONDITION ({@code MEMBER_ERASED}) when they were erased already
     */
    public Seen erase(Caller caller, String commission, String id, String reason, boolean agreed) {
        boolean self = actingFor(caller, commission, id, agreed);
        Violations violations = new Violations();
        violations.checkText(reason, "reason", "the reason", 0, MAX_REASON);
        violations.throwIfAny("INVALID_MEMBER", "The request needs fixing: see each field.");
        return new Seen(eraseEverywhere(caller, commission, id, !self, "Their details were erased."), false);
    }

    /**
     * Gives someone added without an account one of their own under {@code email}, keeping their id,
     * so that everything recorded about them stays theirs. The account waits for their first sign-in.
     */
    public Seen giveAccount(Caller caller, String commission, String id, String email, boolean agreed) {
        actingFor(caller, commission, id, agreed);
        PersonalDetails sent = new PersonalDetails("", "", email, "");
        Violations violations = new Violations();
        violations.check(PersonalDetails.isEmail(sent.email()), "email",
                "Give the person's email address, like name@example.org: it becomes how they sign in.");
        violations.throwIfAny("INVALID_MEMBER", "The email address needs fixing: see the field.");
        transactions.inCommission(caller, commission, () -> {
            Member member = changeable(find(id), "");
            if (member.account() != null) {
                throw ChorusException.failedPrecondition("MEMBER_HAS_ACCOUNT", "This person already has an account.");
            }
            if (!sent.email().equals(member.personal().email()) && members.hasEmail(sent.email())) {
                throw alreadyHere();
            }
            return member;
        });
        try {
            accounts.makeWaitingAccount(id, sent.email());
        } catch (Accounts.AccountExists taken) {
            throw ChorusException.failedPrecondition("ACCOUNT_EXISTS", "There is already a Chorus account with this email address. "
                    + "If it is this person's, ask the people who run Chorus to join the two.");
        }
        Member given = transactions.inCommission(caller, commission, () -> {
            Member member = changeable(find(id), "");
            PersonalDetails was = member.personal();
            Instant now = now();
            Member next = new Member(commission, id, id, member.kind(), member.state(), member.credit(), member.organization(),
                    new PersonalDetails(was.displayName(), was.chosenName(), sent.email(), was.phone()), member.history(),
                    member.createTime(), now, member.version() + 1);
            if (!members.update(next)) {
                throw changedMeanwhile();
            }
            outbox.append(event(UPDATED, next, null, true, caller, now));
            return members.find(id).orElseThrow();
        });
        return new Seen(given, seesPersonal(caller, commission, id));
    }

    /** The commission's retention policy: for its facilitators and network coordinators. */
    public RetentionPolicy retention(Caller caller, String commission) {
        mayManage(caller, commission);
        return transactions.inCommission(caller, commission, members::retention);
    }

    /** Sets how many days after leaving someone's details are erased, unless they asked to be kept. */
    public RetentionPolicy updateRetention(Caller caller, String commission, int days) {
        mayManage(caller, commission);
        Violations violations = new Violations();
        violations.check(days >= RetentionPolicy.MIN_DAYS && days <= RetentionPolicy.MAX_DAYS, "retention_policy.erase_after_leaving_days",
                "Give a number of days from " + RetentionPolicy.MIN_DAYS + " to " + RetentionPolicy.MAX_DAYS + ".");
        violations.throwIfAny("INVALID_MEMBER", "The retention policy needs fixing: see the field.");
        RetentionPolicy policy = new RetentionPolicy(days, caller.subject(), now());
        transactions.inCommission(caller, commission, () -> {
            members.saveRetention(policy);
            return null;
        });
        return policy;
    }

    /**
     * Erases everyone who left longer ago than the commission's retention policy says and did not ask
     * to be kept, as this service. Returns how many were erased.
     */
    public int eraseAfterRetention(String commission) {
        Caller self = RoleGrantService.asThisService(commission);
        List<String> due = transactions.inCommission(self, commission,
                () -> members.leftBeforeAndNotKept(today().minusDays(members.retention().eraseAfterLeavingDays())));
        for (String id : due) {
            eraseEverywhere(self, commission, id, true, "The time the commission keeps details after someone leaves has passed.");
        }
        return due.size();
    }

    /** Erases the member in every other service, then here; their roles end. */
    private Member eraseEverywhere(Caller caller, String commission, String id, boolean onBehalf, String why) {
        Member before = transactions.inCommission(caller, commission, () -> changeable(find(id), ""));
        others.erase(before.resourceName());
        List<RoleGrant> ended = new ArrayList<>();
        Member erased = transactions.inCommission(caller, commission, () -> {
            Member member = changeable(find(id), "");
            Instant now = now();
            members.forgetPersonalFields(id);
            PersonalDataHolders.erase(holders, keys, commission, id);
            Member gone = new Member(commission, id, member.account(), member.kind(), MemberState.ERASED, member.credit(),
                    member.organization(), PersonalDetails.NONE, member.history(), member.createTime(), now, member.version() + 1);
            if (!members.update(gone)) {
                throw changedMeanwhile();
            }
            members.addChange(id, new StateChange(Change.ERASE, MemberState.ERASED, today(), "", caller.subject(), onBehalf, now));
            ended.addAll(roles.endRolesOf(id, caller.subject(), why));
            outbox.append(event(ERASED, gone, Change.ERASE, onBehalf, caller, now));
            return members.find(id).orElseThrow();
        });
        roles.mirrorAll(ended);
        return erased;
    }

    /**
     * Everything Chorus holds about the member, service by service, membership first: their record, its
     * history and each of membership's {@link PersonalDataHolder}s; then each other service that holds
     * something. The person may ask for their own; a facilitator for them.
     */
    public List<OtherServices.Held> export(Caller caller, String commission, String id) {
        if (!isSelf(caller, commission, id) && !caller.rolesIn(commission).contains(Role.FACILITATOR)) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "Only the person and the commission's facilitators can see everything Chorus holds about them.");
        }
        Map<String, Object> held = transactions.inCommission(caller, commission, () -> {
            Member member = changeable(find(id), "");
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("name", member.resourceName());
            record.put("displayName", member.personal().displayName());
            record.put("chosenName", member.personal().chosenName());
            record.put("email", member.personal().email());
            record.put("phone", member.personal().phone());
            record.put("kind", member.kind().name());
            record.put("state", member.state().name());
            record.put("credit", member.credit().name());
            record.put("creditedAs", member.creditedAs());
            record.put("organization", member.organization() == null ? "" : member.organization());
            record.put("hasAccount", member.account() != null);
            record.put("createTime", member.createTime().toString());
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("member", record);
            all.put("history", member.history().stream().map(c -> Map.of("change", c.change().name(), "state", c.state().name(),
                    "effectiveDate", c.effectiveDate().toString(), "reason", c.reason(), "recordedBy", c.recordedBy(),
                    "onBehalf", c.onBehalf(), "recordTime", c.recordTime().toString())).toList());
            all.putAll(PersonalDataHolders.export(holders, commission, id, caller.subject()));
            return all;
        });
        List<OtherServices.Held> everywhere = new ArrayList<>();
        everywhere.add(new OtherServices.Held("membership", JSON.writeValueAsString(held)));
        everywhere.addAll(others.export("commissions/" + commission + "/members/" + id, caller.subject()));
        return everywhere;
    }

    /** Whether the caller is the member, acting as themself (holding a role in the commission). */
    public static boolean isSelf(Caller caller, String commission, String id) {
        return caller.subject().equals(id) && !caller.rolesIn(commission).isEmpty();
    }

    /**
     * Checks the caller may act for the member: the member themself, or a facilitator or coordinator who
     * says the member agreed. Returns whether it is the member themself.
     */
    public static boolean actingFor(Caller caller, String commission, String id, boolean agreed) {
        if (isSelf(caller, commission, id)) {
            return true;
        }
        mayManage(caller, commission);
        if (!agreed) {
            throw ChorusException.failedPrecondition("MEMBER_AGREEMENT_NEEDED",
                    "You are doing this for someone else. Ask them first, and send member_agreed once they have agreed.");
        }
        return false;
    }

    /**
     * Deletes the member's email address and phone number, because they withdrew consent to keep them.
     * Runs inside the caller's commission transaction.
     */
    public void forgetContactDetails(String id, Instant now) {
        Member member = existing(id);
        PersonalDetails was = member.personal();
        Member next = new Member(member.commission(), id, member.account(), member.kind(), member.state(), member.credit(),
                member.organization(), new PersonalDetails(was.displayName(), was.chosenName(), "", ""), member.history(),
                member.createTime(), now, member.version() + 1);
        if (!members.update(next)) {
            throw changedMeanwhile();
        }
    }

    /**
     * The member's record, for another feature of membership that needs them to exist and not be erased.
     * Runs inside the caller's commission transaction.
     */
    public Member existing(String id) {
        Member member = find(id);
        if (member.state() == MemberState.ERASED) {
            throw erasedAlready();
        }
        return member;
    }

    private static void mayManage(Caller caller, String commission) {
        if (!caller.holdsAnyIn(commission, Set.of(Role.FACILITATOR))) {
            throw ChorusException.permissionDenied("NOT_ALLOWED",
                    "Only the person, the commission's facilitators and network coordinators can do this.");
        }
    }

    private static boolean seesPersonal(Caller caller, String commission, String id) {
        if (isSelf(caller, commission, id)) {
            return true;
        }
        mayManage(caller, commission);
        return caller.rolesIn(commission).contains(Role.FACILITATOR);
    }

    /** The sign-in subject of the account named by a subject or an email address (an email with none gets one waiting). */
    private String account(String person) {
        try {
            return accountsByName.subjectOf(person);
        } catch (UnknownPerson unknown) {
            throw ChorusException.notFound("PERSON_NOT_FOUND", "There is no account with that sign-in subject.");
        } catch (MirrorUnavailable unavailable) {
            throw ChorusException.failedPrecondition("IDENTITY_PROVIDER_UNAVAILABLE",
                    "Chorus could not reach its sign-in service just now. Please try again in a minute.");
        }
    }

    private Member find(String id) {
        return members.find(id).orElseThrow(() -> ChorusException.notFound("MEMBER_NOT_FOUND",
                "There is nobody with this name in the commission. Check the name and try again."));
    }

    private static Member changeable(Member member, String etag) {
        if (member.state() == MemberState.ERASED) {
            throw erasedAlready();
        }
        if (etag != null && !etag.isBlank() && !etag.equals(member.etag())) {
            throw ChorusException.aborted("STALE_ETAG", "This person's record changed since you read it. Read it again, then make your change.");
        }
        return member;
    }

    private Optional<Member> replay(NewMember command) {
        if (command.requestId() == null) {
            return Optional.empty();
        }
        return requests.madeEarlier(command.requestId(), command.fingerprint()).map(name -> find(CreateRequests.idOf(name)));
    }

    private static NewEvent event(String type, Member member, Change change, boolean onBehalf, Caller caller, Instant time) {
        MemberChanged.Builder payload = MemberChanged.newBuilder()
                .setState(org.chorus.membership.v1.Member.State.valueOf(member.state().name()))
                .setKind(org.chorus.membership.v1.Member.Kind.valueOf(member.kind().name()))
                .setCredit(org.chorus.membership.v1.Member.Credit.valueOf(member.credit().name()))
                .setOnBehalf(onBehalf)
                .setHasAccount(member.account() != null)
                .setOrganization(member.organization() == null ? "" : member.organization());
        if (change != null) {
            payload.setChange(org.chorus.membership.v1.Member.Change.valueOf(change.name()));
        }
        return new NewEvent(type, member.resourceName(), caller.subject(), time, payload.build());
    }

    private static String words(MemberState state) {
        return switch (state) {
            case INVITED -> "invited and has not joined yet";
            case ACTIVE -> "taking part";
            case PAUSED -> "taking a break";
            case LEFT -> "no longer in the commission";
            case ERASED -> "erased";
        };
    }

    private static String words(Change change) {
        return switch (change) {
            case JOIN -> "join";
            case PAUSE -> "take a break";
            case RESUME -> "come back from a break";
            case LEAVE -> "leave";
            case RETURN -> "return";
            case INVITE -> "be invited";
            case ERASE -> "be erased";
        };
    }

    private static ChorusException alreadyHere() {
        return ChorusException.alreadyExists("MEMBER_EXISTS",
                "This person is already in the commission. Find them in the list of members instead.");
    }

    private static ChorusException erasedAlready() {
        return ChorusException.failedPrecondition("MEMBER_ERASED",
                "This person's details were erased, so nothing more can be changed or read about them.");
    }

    private static ChorusException changedMeanwhile() {
        return ChorusException.aborted("STALE_ETAG", "Someone else changed this person's record just now. Read it again, then try again.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
