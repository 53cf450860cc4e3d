package org.chorus.commissions.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.chorus.platform.names.CommissionId;
import org.junit.jupiter.api.Test;

/** Archiving a commission and naming the organisations hosting it, as plain domain rules. */
class CommissionArchiveTest {

    static final Instant OPENED = Instant.parse("2026-03-14T10:00:00Z");
    static final Instant CLOSED = Instant.parse("2027-03-14T16:30:00Z");

    @Test
    void archivingKeepsTheRecordAndSaysWhenAndWhy() {
        Commission open = Commission.open(NewCommission.of("leeds", "Leeds", "Leeds", null,
                List.of("organizations/leeds-food-bank"), ""), OPENED);

        Commission archived = open.archive("The commission finished its work.", CLOSED);

        assertThat(archived.archived()).isTrue();
        assertThat(archived.archiveTime()).isEqualTo(CLOSED);
        assertThat(archived.updateTime()).isEqualTo(CLOSED);
        assertThat(archived.archiveReason()).isEqualTo("The commission finished its work.");
        assertThat(archived.version()).isEqualTo(open.version() + 1);
        assertThat(archived.etag()).isNotEqualTo(open.etag());
        assertThat(archived.createTime()).isEqualTo(OPENED);
        assertThat(archived.hostOrganizations()).containsExactly("organizations/leeds-food-bank");
        assertThatThrownBy(() -> archived.archive("Again.", CLOSED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anArchiveNeedsAReasonOfAtMost2000Characters() {
        CommissionId leeds = new CommissionId("leeds");
        assertThat(CommissionArchiving.of(leeds, "", "  Finished.  "))
                .isEqualTo(new CommissionArchiving(leeds, null, "Finished."));
        for (String reason : new String[] {null, " ", "x".repeat(2001)}) {
            assertThatThrownBy(() -> CommissionArchiving.of(leeds, null, reason))
                    .isInstanceOfSatisfying(ChorusException.class, e -> {
                        assertThat(e.reason()).isEqualTo("INVALID_ARCHIVE");
                        assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("reason");
                    });
        }
    }

    @Test
    void hostOrganisationsAreWellFormedNamedOnceAndAtMostTen() {
        assertThat(NewCommission.of("leeds", "Leeds", "", null, List.of("organizations/leeds-food-bank", "organizations/council"), "")
                .hostOrganizations()).containsExactly("organizations/leeds-food-bank", "organizations/council");

        assertThatThrownBy(() -> NewCommission.of("leeds", "Leeds", "", null,
                List.of("leeds-food-bank", "organizations/council", "organizations/council", "organizations/Council", "organizations/"), ""))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("commission.host_organizations[0]", "commission.host_organizations[2]",
                                "commission.host_organizations[3]", "commission.host_organizations[4]"));

        List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "organizations/host-" + i).toList();
        assertThatThrownBy(() -> NewCommission.of("leeds", "Leeds", "", null, eleven, ""))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("commission.host_organizations")));
    }

    @Test
    void theHostsArePartOfTheFingerprintOnlyWhenNamed() {
        NewCommission none = NewCommission.of("leeds", "Leeds", "", null, "");
        NewCommission noneEither = NewCommission.of("leeds", "Leeds", "", null, List.of(), "");
        NewCommission hosted = NewCommission.of("leeds", "Leeds", "", null, List.of("organizations/council"), "");

        assertThat(none.fingerprint()).isEqualTo(noneEither.fingerprint());
        assertThat(hosted.fingerprint()).isNotEqualTo(none.fingerprint());
    }
}
