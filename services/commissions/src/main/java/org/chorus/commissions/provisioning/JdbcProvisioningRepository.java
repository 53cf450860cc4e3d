package org.chorus.commissions.provisioning;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which services have set each commission up, in the registry's {@code network.commission_provisioning}. */
@Repository
class JdbcProvisioningRepository implements ProvisioningRepository {

    private final JdbcClient jdbc;

    JdbcProvisioningRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> missingIn(String service) {
        return jdbc.sql("""
                        SELECT c.id FROM network.commission c
                        WHERE NOT EXISTS (SELECT 1 FROM network.commission_provisioning p
                                          WHERE p.commission_id = c.id AND p.service = :service)
                        ORDER BY c.id""")
                .param("service", service)
                .query(String.class)
                .list();
    }

    @Override
    public void recordDone(String commissionId, String service) {
        jdbc.sql("""
                        INSERT INTO network.commission_provisioning (commission_id, service, provision_time)
                        VALUES (:id, :service, now()) ON CONFLICT DO NOTHING""")
                .param("id", commissionId)
                .param("service", service)
                .update();
    }
}
