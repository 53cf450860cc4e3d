package org.chorus.membership.organization;

import static org.chorus.platform.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import org.chorus.membership.v1.CreateOrganizationRequest;
import org.chorus.membership.v1.GetOrganizationRequest;
import org.chorus.membership.v1.ListOrganizationsRequest;
import org.chorus.membership.v1.ListOrganizationsResponse;
import org.chorus.membership.v1.OrganizationsServiceGrpc;
import org.chorus.platform.errors.ChorusException;
import org.springframework.grpc.server.service.GrpcService;

/** Member organisations' gRPC adapter: maps the contract to the use cases and back, nothing else. */
@GrpcService
class OrganizationGrpcService extends OrganizationsServiceGrpc.OrganizationsServiceImplBase {


    private final OrganizationService organizations;

    OrganizationGrpcService(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @Override
    public void createOrganization(CreateOrganizationRequest request, StreamObserver<org.chorus.membership.v1.Organization> response) {
        var sent = request.getOrganization();
        NewOrganization.IdentityProviderInput provider = null;
        if (sent.hasIdentityProvider()) {
            var p = sent.getIdentityProvider();
            provider = new NewOrganization.IdentityProviderInput(p.getIssuer(), p.getAuthorizationUrl(), p.getTokenUrl(),
                    p.getJwksUrl(), p.getClientId(), p.getClientSecret());
        }
        NewOrganization command = NewOrganization.of(request.getOrganizationId(), sent.getDisplayName(),
                sent.getEmailDomainsList(), provider, request.getRequestId());
        reply(response, toProto(organizations.create(command)));
    }

    @Override
    public void getOrganization(GetOrganizationRequest request, StreamObserver<org.chorus.membership.v1.Organization> response) {
        reply(response, toProto(organizations.get(Organization.NAME.parse(request.getName(), "name").last())));
    }

    @Override
    public void listOrganizations(ListOrganizationsRequest request, StreamObserver<ListOrganizationsResponse> response) {
        var page = organizations.list(request.getPageSize(), request.getPageToken());
        var list = ListOrganizationsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(o -> list.addOrganizations(toProto(o)));
        reply(response, list.build());
    }

    private static org.chorus.membership.v1.Organization toProto(Organization o) {
        var proto = org.chorus.membership.v1.Organization.newBuilder()
                .setName(o.resourceName())
                .setDisplayName(o.displayName())
                .addAllEmailDomains(o.emailDomains());
        // The client secret is never returned.
        o.identityProvider().ifPresent(p -> proto.setIdentityProvider(org.chorus.membership.v1.Organization.IdentityProvider.newBuilder()
                .setAlias(p.alias())
                .setIssuer(p.issuer())
                .setAuthorizationUrl(p.authorizationUrl())
                .setTokenUrl(p.tokenUrl())
                .setJwksUrl(p.jwksUrl())
                .setClientId(p.clientId())));
        return proto.build();
    }

}
