package org.chorus.gateway.grpc;

import com.google.protobuf.FieldMask;
import org.chorus.commissions.v1.CreateCommissionRequest;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.commissions.v1.ListCommissionsRequest;
import org.chorus.commissions.v1.Session;
import org.chorus.commissions.v1.UpdateSessionRequest;
import org.chorus.commissions.v1.WatchEventsRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcForwarderTest {

    @Test
    void theCommissionIsReadFromTheNameTheParentOrTheResourceAnUpdateCarries() {
        assertThat(GrpcForwarder.commissionOf(GetCommissionRequest.newBuilder().setName("commissions/leeds").build())).isEqualTo("leeds");
        assertThat(GrpcForwarder.commissionOf(WatchEventsRequest.newBuilder().setParent("commissions/salford").build())).isEqualTo("salford");
        assertThat(GrpcForwarder.commissionOf(UpdateSessionRequest.newBuilder()
                .setSession(Session.newBuilder().setName("commissions/hull/sessions/s-1"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build())).isEqualTo("hull");
        assertThat(GrpcForwarder.commissionOf(GetCommissionRequest.newBuilder().setName("commissions/leeds:archive").build())).isEqualTo("leeds");
    }

    @Test
    void aRequestAboutNoOneCommissionIsLeftToTheService() {
        assertThat(GrpcForwarder.commissionOf(ListCommissionsRequest.getDefaultInstance())).isNull();
        assertThat(GrpcForwarder.commissionOf(CreateCommissionRequest.newBuilder().setCommissionId("hull").build())).isNull();
        assertThat(GrpcForwarder.commissionOf(GetCommissionRequest.newBuilder().setName("commissions/").build())).isNull();
        assertThat(GrpcForwarder.commissionOf(GetCommissionRequest.newBuilder().setName("organisations/x").build())).isNull();
    }
}
