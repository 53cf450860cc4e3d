package org.chorus.membership.organization;

import java.util.List;
import java.util.Optional;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.paging.PageTokens.Page;
import org.chorus.platform.paging.PageTokens;
import org.chorus.platform.requests.CreateRequests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The use cases of member organisations: add one (with its own sign-in, if it has one), read one,
 * list them. Network-wide: the gRPC policy lets coordinators only. Keycloak is where organisations
 * live; membership keeps the request ids of the calls that made them, so a retry is safe.
 */
@Service
public class OrganizationService {

    static final int DEFAULT_PAGE_SIZE = 25;
    private static final String LIST_FINGERPRINT = "organizations";

    private final OrganizationDirectory directory;
    private final CreateRequests requests;

    public OrganizationService(OrganizationDirectory directory, JdbcClient jdbc) {
        this.directory = directory;
        this.requests = new CreateRequests(jdbc, "network.create_request");
    }

    public Organization create(NewOrganization request) {
        if (request.requestId() != null) {
            Optional<Organization> earlier = replay(request);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Organization created;
        try {
            created = available(() -> directory.create(request.organization()));
        } catch (OrganizationDirectory.Conflict taken) {
            throw ChorusException.alreadyExists("ORGANIZATION_EXISTS", "There is already an organisation with the id \""
                    + request.organization().id() + "\", with this name, or with one of these email domains. "
                    + "Please choose another id or name, or check the email domains.");
        }
        if (request.requestId() != null) {
            requests.remember(request.requestId(), request.fingerprint(), created.resourceName());
        }
        return created;
    }

    public Organization get(String id) {
        return available(() -> directory.find(id)).orElseThrow(() -> ChorusException.notFound("ORGANIZATION_NOT_FOUND",
                "There is no organisation called \"organizations/" + id + "\". Check the name and try again."));
    }

    /**
     * One page of organisations in id order, and the token of the next page (empty on the last).
     * Keycloak is asked for all of them each time: fine for the tens to hundreds a network has.
     */
    public Page<Organization> list(int pageSize, String pageToken) {
        return PageTokens.page(pageSize, DEFAULT_PAGE_SIZE, pageToken, LIST_FINGERPRINT, Organization::id,
                (after, limit) -> available(directory::all).stream()
                        .filter(o -> o.id().compareTo(after) > 0)
                        .limit(limit)
                        .toList());
    }

    private Optional<Organization> replay(NewOrganization request) {
        return requests.madeEarlier(request.requestId(), request.fingerprint()).map(name -> get(CreateRequests.idOf(name)));
    }

    /** Keycloak being down is a failure the caller may retry: FAILED_PRECONDITION with a plain reason. */
    private static <T> T available(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (OrganizationDirectory.Unavailable down) {
            throw ChorusException.failedPrecondition("IDENTITY_PROVIDER_UNAVAILABLE",
                    "Chorus could not reach its sign-in service just now. Please try again in a minute.");
        }
    }
}
