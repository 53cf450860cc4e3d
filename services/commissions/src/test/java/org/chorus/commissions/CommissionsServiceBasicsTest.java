package org.chorus.commissions;

import java.util.List;
import org.chorus.testrig.ServiceBasicsContract;
import org.chorus.testrig.UseRealPostgres;

@UseRealPostgres(database = "commissions")
class CommissionsServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected List<String> expectedServices() {
        return List.of("chorus.commissions.v1.CommissionsService");
    }
}
