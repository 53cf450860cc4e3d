package org.chorus.membership;

import org.chorus.testrig.ServiceBasicsContract;
import org.chorus.testrig.UseRealPostgres;

@UseRealPostgres(database = "membership")
class MembershipServiceBasicsTest extends ServiceBasicsContract {
}
