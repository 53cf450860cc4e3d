package org.chorus.commissions.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.chorus.platform.errors.ChorusException;
import org.junit.jupiter.api.Test;

class InvitationTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void aPersonRepliesThemselfOrAFacilitatorRepliesForThemAndWhoRecordedItIsKept() {
        Invitation invited = Invitation.invite("s-1", "sam", "dev", NOW);
        assertThat(invited.reply()).isEqualTo(Invitation.Reply.NO_REPLY_YET);
        assertThat(invited.replyTime()).isNull();

        Invitation own = invited.answer(Invitation.Reply.COMING, null, "sam", NOW.plusSeconds(1));
        assertThat(own.repliedOnBehalf()).isFalse();
        assertThat(own.repliedBy()).isEqualTo("sam");
        assertThat(own.sameAnswer(Invitation.Reply.COMING, "sam")).isTrue();

        Invitation forThem = own.answer(Invitation.Reply.NOT_SURE_YET, own.etag(), "dev", NOW.plusSeconds(2));
        assertThat(forThem.repliedOnBehalf()).isTrue();
        assertThat(forThem.version()).isEqualTo(3);
        assertThat(forThem.invitedBy()).isEqualTo("dev");
    }

    @Test
    void aStaleEtagIsAbortedAndNoReplyYetIsNotAReply() {
        Invitation invited = Invitation.invite("s-1", "sam", "dev", NOW);
        Invitation own = invited.answer(Invitation.Reply.COMING, null, "sam", NOW);
        assertThatThrownBy(() -> own.answer(Invitation.Reply.NOT_COMING, invited.etag(), "sam", NOW))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.kind()).isEqualTo(ChorusException.Kind.ABORTED));
        assertThatThrownBy(() -> invited.answer(Invitation.Reply.NO_REPLY_YET, null, "sam", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
