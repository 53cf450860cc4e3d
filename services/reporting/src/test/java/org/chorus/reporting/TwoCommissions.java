package org.chorus.reporting;

import static org.chorus.reporting.FeedStandIns.commissions;
import static org.chorus.reporting.FeedStandIns.membership;
import static org.chorus.reporting.FeedStandIns.payments;

import java.time.Instant;
import java.util.List;
import org.chorus.commissions.v1.Accessibility;
import org.chorus.commissions.v1.AttendanceRecorded;
import org.chorus.commissions.v1.ExperimentMoved;
import org.chorus.commissions.v1.FocusIssueDecided;
import org.chorus.commissions.v1.Interpreter;
import org.chorus.commissions.v1.PhaseMoved;
import org.chorus.commissions.v1.SessionCancelled;
import org.chorus.commissions.v1.SessionFacts;
import org.chorus.membership.v1.ConsentChanged;
import org.chorus.membership.v1.ConsentPurpose;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MemberChanged;
import org.chorus.payments.v1.ClaimChanged;
import org.chorus.platform.tenancy.CommissionSchemaProvisioner;
import org.chorus.reporting.readmodel.FeedEvent.Feed;
import org.chorus.reporting.readmodel.ReadModelService;
import org.chorus.testrig.RealPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A year of two commissions' activity, as their feeds tell it. Leeds, in 2026: two sessions in January (twelve people
 * at the first, eleven of them at the second), one in February (three people), one in March that was cancelled; twelve
 * time claims paid in February; an experiment started and a focus issue chosen in January; the group moved on to
 * "Acting" in March; p1 agreed to share their story. Salford: one session in January with four people.
 */
public final class TwoCommissions {

    public static final String LEEDS = "leeds";
    public static final String SALFORD = "salford";
    static final Instant JAN_10 = Instant.parse("2026-01-10T10:00:00Z");
    static final Instant JAN_24 = Instant.parse("2026-01-24T10:00:00Z");
    static final Instant FEB_07 = Instant.parse("2026-02-07T10:00:00Z");
    static final Instant MAR_07 = Instant.parse("2026-03-07T10:00:00Z");
    static final Instant FEB_20 = Instant.parse("2026-02-20T12:00:00Z");

    public final JdbcClient owner = JdbcClient.create(RealPostgres.get().ownerDataSource("reporting"));

    /** Both commissions set up, nothing read, and their feeds as the class comment tells them. */
    public void startAfresh(CommissionSchemaProvisioner schemas) {
        schemas.provision(LEEDS);
        schemas.provision(SALFORD);
        empty();
        feeds();
    }

    /** Reads every feed of both commissions to its end, then works out their figures, as the clock would. */
    public void readEverything(ReadModelService readModels) {
        for (String commission : List.of(LEEDS, SALFORD)) {
            for (Feed feed : Feed.values()) {
                readModels.follow(feed, commission);
            }
            readModels.refreshFigures(commission);
        }
    }

    /** Nothing read yet, no outcomes, and no figures in the network's copy. */
    public void empty() {
        for (String commission : new String[] {LEEDS, SALFORD}) {
            owner.sql("""
                    TRUNCATE commission_%1$s.session_seen, commission_%1$s.attendance_seen, commission_%1$s.claim_paid,
                             commission_%1$s.experiment_move, commission_%1$s.focus_issue_chosen, commission_%1$s.phase_change,
                             commission_%1$s.story_consent, commission_%1$s.member_organisation, commission_%1$s.outcome,
                             commission_%1$s.feed_cursor,
                             commission_%1$s.create_request""".formatted(commission)).update();
            owner.sql("UPDATE commission_%s.read_model_version SET version = 0, newest_event = NULL".formatted(commission)).update();
        }
        owner.sql("TRUNCATE network.impact_cell, network.impact_cells_version").update();
        FeedStandIns.clear();
    }

    /** The feeds as the class comment tells them. */
    public void feeds() {
        long s = 0;
        commissions(LEEDS, ++s, "session.created", session(LEEDS, "s-jan-1"), JAN_10.minusSeconds(86_400 * 7),
                session(JAN_10, false, true, Interpreter.Kind.BSL));
        commissions(LEEDS, ++s, "session.created", session(LEEDS, "s-jan-2"), JAN_10, session(JAN_24, true, false, Interpreter.Kind.NONE));
        commissions(LEEDS, ++s, "session.created", session(LEEDS, "s-feb-1"), JAN_24, session(FEB_07, false, true, Interpreter.Kind.NONE));
        commissions(LEEDS, ++s, "session.created", session(LEEDS, "s-mar-1"), FEB_07, session(MAR_07, false, true, Interpreter.Kind.NONE));
        for (int p = 1; p <= 12; p++) {
            commissions(LEEDS, ++s, "session.attendance_recorded", session(LEEDS, "s-jan-1"), JAN_10, attendance(LEEDS, "s-jan-1", "p" + p, 120, JAN_10));
        }
        for (int p = 1; p <= 11; p++) {
            commissions(LEEDS, ++s, "session.attendance_recorded", session(LEEDS, "s-jan-2"), JAN_24, attendance(LEEDS, "s-jan-2", "p" + p, 90, JAN_24));
        }
        for (int p = 1; p <= 3; p++) {
            commissions(LEEDS, ++s, "session.attendance_recorded", session(LEEDS, "s-feb-1"), FEB_07, attendance(LEEDS, "s-feb-1", "p" + p, 120, FEB_07));
        }
        commissions(LEEDS, ++s, "session.cancelled", session(LEEDS, "s-mar-1"), FEB_20, SessionCancelled.newBuilder().setReason("Snow").build());
        commissions(LEEDS, ++s, "experiment.moved", "commissions/leeds/experiments/ex-1", JAN_24,
                ExperimentMoved.newBuilder().setFromStatus("PLANNED").setToStatus("RUNNING").setLearning("Evenings suit people who work.").build());
        commissions(LEEDS, ++s, "focus_issue.decided", "commissions/leeds/focusIssues/fi-1", JAN_10,
                FocusIssueDecided.newBuilder().setOutcome("CHOSEN").setTitle("The cost of the bus").build());
        commissions(LEEDS, ++s, "phase.moved", "commissions/leeds/phase", MAR_07,
                PhaseMoved.newBuilder().setFromPhase("Listening").setToPhase("Acting").setDirection("FORWARD").build());
        for (int p = 1; p <= 12; p++) {
            payments(LEEDS, p, "claim.paid", "commissions/leeds/claims/c-" + p, FEB_20, ClaimChanged.newBuilder()
                    .setMember("commissions/leeds/members/p" + p).setKind("TIME").setAmountPence(2690).setMinutes(120).setState("PAID").build());
        }
        FeedStandIns.CREDITS.put(LEEDS, List.of("Ada Lovelace", "Sam"));
        membership(LEEDS, 1, "consent.given", "commissions/leeds/members/p1/consents/SHARING_THEIR_STORY", JAN_10,
                ConsentChanged.newBuilder().setPurpose(ConsentPurpose.SHARING_THEIR_STORY).setGiven(true).build());
        membership(LEEDS, 2, "member.added", "commissions/leeds/members/p1", JAN_10, member("organizations/leeds-council"));
        membership(LEEDS, 3, "member.added", "commissions/leeds/members/p2", JAN_10, member("organizations/leeds-council"));
        membership(LEEDS, 4, "member.added", "commissions/leeds/members/p3", JAN_10, member("organizations/food-bank"));
        membership(LEEDS, 5, "member.added", "commissions/leeds/members/p4", JAN_10, member(""));

        commissions(SALFORD, 1, "session.created", session(SALFORD, "s-jan-1"), JAN_10, session(JAN_10, false, true, Interpreter.Kind.NONE));
        for (int p = 1; p <= 4; p++) {
            commissions(SALFORD, 1 + p, "session.attendance_recorded", session(SALFORD, "s-jan-1"), JAN_10,
                    attendance(SALFORD, "s-jan-1", "q" + p, 120, JAN_10));
        }
    }

    static MemberChanged member(String organization) {
        return MemberChanged.newBuilder().setState(Member.State.ACTIVE).setKind(Member.Kind.EXPERT_BY_EXPERIENCE)
                .setOrganization(organization).build();
    }

    static String session(String commission, String id) {
        return "commissions/" + commission + "/sessions/" + id;
    }

    static SessionFacts session(Instant start, boolean online, boolean stepFree, Interpreter.Kind interpreter) {
        return SessionFacts.newBuilder().setTitle("A session").setStartTime(start.toString()).setEndTime(start.plusSeconds(7200).toString())
                .setOnline(online).setState("SCHEDULED")
                .setAccessibility(Accessibility.newBuilder().setStepFreeAccess(stepFree).setInterpreter(Interpreter.newBuilder().setKind(interpreter)))
                .build();
    }

    static AttendanceRecorded attendance(String commission, String session, String member, int minutes, Instant start) {
        return AttendanceRecorded.newBuilder().setSession(session(commission, session)).setMember(member).setAttended(true)
                .setMinutes(minutes).setRecordedOnBehalf(true).setSessionStartTime(start.toString()).build();
    }
}
