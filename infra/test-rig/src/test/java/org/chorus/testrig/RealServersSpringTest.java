package org.chorus.testrig;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(RealServersSpringTest.Empty.class)
@UseRealPostgres(database = "rig_spring")
@UseRealKeycloak
class RealServersSpringTest {

    @Configuration
    static class Empty {
    }

    @Value("${spring.datasource.url}")
    String url;
    @Value("${spring.flyway.user}")
    String owner;
    @Value("${spring.flyway.password}")
    String password;
    @Value("${chorus.identity.issuer-uri}")
    String chorusIssuer;
    @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}")
    String resourceServerIssuer;

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void theDatabaseUrlAndTheOwnerReachTheNamedDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, owner, password);
             ResultSet rows = connection.createStatement().executeQuery("select current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("rig_spring");
        }
    }

    @Test
    void issuerPropertiesNameTheChorusRealm() {
        assertThat(chorusIssuer).isEqualTo(RealKeycloak.get().issuerUri()).endsWith("/realms/chorus");
        assertThat(resourceServerIssuer).isEqualTo(chorusIssuer);
    }
}
