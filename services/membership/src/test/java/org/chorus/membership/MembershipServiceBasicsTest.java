package org.chorus.membership;

import java.util.List;
import org.chorus.testrig.ServiceBasicsContract;
import org.chorus.testrig.UseRealPostgres;

@UseRealPostgres(database = "membership")
class MembershipServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected List<String> expectedServices() {
        return List.of("chorus.membership.v1.RoleGrantsService", "chorus.membership.v1.OrganizationsService");
    }
}
