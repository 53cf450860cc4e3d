package org.chorus.platform.protos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.FieldMask;
import com.google.type.Date;
import java.util.List;
import org.chorus.commissions.v1.GroundRules;
import org.chorus.platform.errors.ChorusException;
import org.junit.jupiter.api.Test;

class UpdateMasksTest {

    private static final List<String> CHANGEABLE = List.of("rules", "agreed_on", "how_agreed");

    @Test
    void withNoMaskTheFieldsSentChange() {
        GroundRules sent = GroundRules.newBuilder().addRules("We listen.").setAgreedOn(Date.newBuilder().setYear(2026).setMonth(3).setDay(14))
                .setName("commissions/leeds/groundRules").build();

        assertThat(UpdateMasks.paths(FieldMask.getDefaultInstance(), sent, CHANGEABLE)).containsExactly("rules", "agreed_on");
        assertThat(UpdateMasks.paths(null, GroundRules.newBuilder().setHowAgreed("By all").build(), CHANGEABLE))
                .containsExactly("how_agreed");
    }

    @Test
    void aMaskNamesTheFieldsEvenWhenTheyAreSentEmpty() {
        FieldMask mask = FieldMask.newBuilder().addPaths("how_agreed").build();
        assertThat(UpdateMasks.paths(mask, GroundRules.newBuilder().addRules("We listen.").build(), CHANGEABLE))
                .containsExactly("how_agreed");
    }

    @Test
    void aStarMeansEveryFieldThatCanChange() {
        assertThat(UpdateMasks.paths(FieldMask.newBuilder().addPaths("*").build(), GroundRules.getDefaultInstance(), CHANGEABLE))
                .containsExactlyElementsOf(CHANGEABLE);
    }

    @Test
    void aPathThatCannotChangeIsRefusedSayingWhichCan() {
        FieldMask mask = FieldMask.newBuilder().addPaths("rules").addPaths("etag").build();
        assertThatThrownBy(() -> UpdateMasks.paths(mask, GroundRules.getDefaultInstance(), CHANGEABLE))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.reason()).isEqualTo("INVALID_UPDATE_MASK");
                    assertThat(e.violations().getFirst().field()).isEqualTo("update_mask");
                    assertThat(e.getMessage()).contains("\"etag\"").contains("rules, agreed_on and how_agreed");
                });
    }
}
