package org.chorus.payments;

import org.chorus.testrig.ServiceBasicsContract;
import org.chorus.testrig.UseRealPostgres;

@UseRealPostgres(database = "payments")
class PaymentsServiceBasicsTest extends ServiceBasicsContract {
}
