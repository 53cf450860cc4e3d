package org.chorus.commissions.session;

import org.chorus.commissions.v1.CommissionSessionsServiceGrpc;
import org.chorus.identity.Role;
import org.chorus.platform.security.AccessRule;
import org.chorus.platform.security.MethodAccessPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call each method about sessions: facilitators (and coordinators) create, change and
 * cancel them; everyone in the commission reads them. Attendance is open to everyone in the
 * commission here, and {@link SessionService} decides per object: your own, or anyone's for a
 * facilitator.
 */
@Configuration(proxyBeanMethods = false)
class SessionGrpcAccess {

    @Bean
    MethodAccessPolicy commissionSessionsAccess() {
        return MethodAccessPolicy.builder()
                .allow(CommissionSessionsServiceGrpc.getCreateSessionMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionSessionsServiceGrpc.getGetSessionMethod(), AccessRule.readersOfCommission())
                .allow(CommissionSessionsServiceGrpc.getListSessionsMethod(), AccessRule.readersOfCommission())
                .allow(CommissionSessionsServiceGrpc.getUpdateSessionMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionSessionsServiceGrpc.getCancelSessionMethod(), AccessRule.inCommission(Role.FACILITATOR))
                .allow(CommissionSessionsServiceGrpc.getRecordAttendanceMethod(), AccessRule.readersOfCommission())
                .allow(CommissionSessionsServiceGrpc.getGetAttendanceMethod(), AccessRule.readersOfCommission())
                .allow(CommissionSessionsServiceGrpc.getListAttendanceMethod(), AccessRule.readersOfCommission())
                .build();
    }
}
