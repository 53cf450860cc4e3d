package org.chorus.testrig;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.GetOrganizationRequest;
import org.chorus.membership.v1.ListRoleGrantsRequest;
import org.chorus.membership.v1.ListRoleGrantsResponse;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MembershipServiceGrpc;
import org.chorus.membership.v1.Organization;
import org.chorus.membership.v1.OrganizationsServiceGrpc;
import org.chorus.membership.v1.RoleGrant;
import org.chorus.membership.v1.RoleGrantsServiceGrpc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The membership service's {@code GetMember}, {@code ListRoleGrants} and {@code GetOrganization}, as its contract says it answers, served in this
 * test's in-process gRPC server, so a service's tests (commissions, payments) reach it through the real
 * membership client (token relayed, filter by subject, deadline) and the real access check (the
 * same rules membership sets: the commission's facilitators and coordinators for grants, coordinators
 * for organisations). The real membership
 * service answers in the system tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MembershipStandIn {

    /** {@code commission/subject} of every active grant. */
    public static final Set<String> GRANTS = ConcurrentHashMap.newKeySet();
    /** The state of each member record, by {@code commission/member}. */
    public static final Map<String, Member.State> MEMBERS = new ConcurrentHashMap<>();
    /** Resource names of the member organisations. */
    public static final Set<String> ORGANIZATIONS = ConcurrentHashMap.newKeySet();
    /** How many times membership was asked about role grants and organisations. */
    public static final AtomicInteger ASKED = new AtomicInteger();
    /** When set, membership answers every question with this status, as if it were down or did not know the commission. */
    public static volatile Status failWith;

    public static void grant(String commission, String subject) {
        GRANTS.add(commission + "/" + subject);
    }

    public static void member(String commission, String member, Member.State state) {
        MEMBERS.put(commission + "/" + member, state);
    }

    public static void reset() {
        GRANTS.clear();
        MEMBERS.clear();
        ORGANIZATIONS.clear();
        ASKED.set(0);
        failWith = null;
    }

    @Bean
    RoleGrantsServiceGrpc.RoleGrantsServiceImplBase membershipStandInService() {
        return new RoleGrantsServiceGrpc.RoleGrantsServiceImplBase() {
            @Override
            public void listRoleGrants(ListRoleGrantsRequest request, StreamObserver<ListRoleGrantsResponse> response) {
                ASKED.incrementAndGet();
                if (failWith != null) {
                    response.onError(failWith.asException());
                    return;
                }
                if (request.getSubject().isEmpty()) {
                    response.onError(Status.INVALID_ARGUMENT.withDescription("The stand-in only answers about one person").asException());
                    return;
                }
                String commission = request.getParent().substring("commissions/".length());
                var list = ListRoleGrantsResponse.newBuilder();
                if (GRANTS.contains(commission + "/" + request.getSubject())) {
                    list.addRoleGrants(RoleGrant.newBuilder()
                            .setName(request.getParent() + "/roleGrants/00000000-0000-4000-8000-000000000001")
                            .setPerson(request.getSubject())
                            .setSubject(request.getSubject())
                            .setRole(RoleGrant.Role.MEMBER)
                            .setState(RoleGrant.State.ACTIVE));
                }
                response.onNext(list.build());
                response.onCompleted();
            }
        };
    }

    @Bean
    MembershipServiceGrpc.MembershipServiceImplBase membershipStandInMembers() {
        return new MembershipServiceGrpc.MembershipServiceImplBase() {
            @Override
            public void getMember(GetMemberRequest request, StreamObserver<Member> response) {
                Member.State state = MEMBERS.get(request.getName().substring("commissions/".length()).replace("/members/", "/"));
                if (failWith != null) {
                    response.onError(failWith.asException());
                } else if (state == null) {
                    response.onError(Status.NOT_FOUND.withDescription("No such member").asException());
                } else {
                    response.onNext(Member.newBuilder().setName(request.getName()).setState(state).build());
                    response.onCompleted();
                }
            }
        };
    }

    @Bean
    OrganizationsServiceGrpc.OrganizationsServiceImplBase membershipStandInOrganizations() {
        return new OrganizationsServiceGrpc.OrganizationsServiceImplBase() {
            @Override
            public void getOrganization(GetOrganizationRequest request, StreamObserver<Organization> response) {
                ASKED.incrementAndGet();
                if (failWith != null) {
                    response.onError(failWith.asException());
                } else if (!ORGANIZATIONS.contains(request.getName())) {
                    response.onError(Status.NOT_FOUND.withDescription("No such organisation").asException());
                } else {
                    response.onNext(Organization.newBuilder().setName(request.getName()).setDisplayName("A member organisation").build());
                    response.onCompleted();
                }
            }
        };
    }
}
