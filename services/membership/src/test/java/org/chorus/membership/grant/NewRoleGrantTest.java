package org.chorus.membership.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chorus.identity.Role;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.errors.FieldViolation;
import org.junit.jupiter.api.Test;

class NewRoleGrantTest {

    @Test
    void anEmailIsKeptInLowerCaseSoOnePersonIsOneGrant() {
        NewRoleGrant grant = NewRoleGrant.of("leeds", "  Robin@Leeds-Council.Example ", Role.MEMBER, "", "");

        assertThat(grant.person()).isEqualTo("robin@leeds-council.example");
        assertThat(grant.personKind()).isEqualTo(NewRoleGrant.PersonKind.EMAIL);
        assertThat(grant.requestId()).isNull();
    }

    @Test
    void aPersonIsNamedBySubjectUsernameOrEmail() {
        assertThat(NewRoleGrant.of("leeds", "0b6d3c1e-8f0a-4c1e-9a53-2f1d8e7c6b5a", Role.VIEWER, "", "").personKind())
                .isEqualTo(NewRoleGrant.PersonKind.SUBJECT);
        assertThat(NewRoleGrant.of("leeds", "priya", Role.VIEWER, "", "").personKind()).isEqualTo(NewRoleGrant.PersonKind.USERNAME);
    }

    @Test
    void aNetworkRoleCannotBeGrantedInACommission() {
        assertThatThrownBy(() -> NewRoleGrant.of("leeds", "priya", Role.COORDINATOR, "", ""))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("role_grant.role"));
        assertThatThrownBy(() -> NewRoleGrant.of("leeds", "priya", null, "", ""))
                .isInstanceOf(ChorusException.class);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> NewRoleGrant.of("leeds", "robin smith; drop", null, "not-a-uuid", ""))
                .isInstanceOfSatisfying(ChorusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ChorusException.Kind.INVALID_ARGUMENT);
                    assertThat(e.reason()).isEqualTo("INVALID_ROLE_GRANT");
                    assertThat(e.violations()).extracting(FieldViolation::field)
                            .containsExactly("role_grant.person", "role_grant.role", "request_id");
                });
    }

    @Test
    void anIncompleteEmailIsRefused() {
        assertThatThrownBy(() -> NewRoleGrant.of("leeds", "robin@", Role.MEMBER, "", ""))
                .isInstanceOfSatisfying(ChorusException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("role_grant.person"));
    }

    @Test
    void aRevokedGrantKeepsWhoAndWhenAndMustBeMirroredAgain() {
        RoleGrant grant = RoleGrant.grant(NewRoleGrant.of("leeds", "priya", Role.VIEWER, "", ""), "s-1", "amara",
                java.time.Instant.parse("2026-03-14T10:00:00Z"));
        RoleGrant revoked = grant.revoke("dev", java.time.Instant.parse("2026-03-15T10:00:00Z"));

        assertThat(revoked.active()).isFalse();
        assertThat(revoked.revokedBy()).isEqualTo("dev");
        assertThat(revoked.grantedBy()).isEqualTo("amara");
        assertThat(revoked.mirrorState()).isEqualTo(RoleGrant.MirrorState.PENDING);
        assertThat(revoked.version()).isEqualTo(grant.version() + 1);
        assertThat(revoked.revoke("jo", java.time.Instant.now())).isSameAs(revoked);
        assertThat(grant.groupPath()).isEqualTo("/commissions/leeds/viewer");
    }
}
