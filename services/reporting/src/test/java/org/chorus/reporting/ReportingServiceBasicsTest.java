package org.chorus.reporting;

import org.chorus.testrig.ServiceBasicsContract;
import org.chorus.testrig.UseRealPostgres;

@UseRealPostgres(database = "reporting")
class ReportingServiceBasicsTest extends ServiceBasicsContract {
}
