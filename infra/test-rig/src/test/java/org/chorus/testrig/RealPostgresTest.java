package org.chorus.testrig;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealPostgresTest {

    @Test
    void answersAsPostgres17() throws SQLException {
        try (Connection connection = connect("rig_version");
             ResultSet rows = connection.createStatement().executeQuery("select version()")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("PostgreSQL 17.");
        }
    }

    @Test
    void twoDatabasesAreSeparate() throws SQLException {
        try (Connection first = connect("rig_first"); Statement statement = first.createStatement()) {
            statement.execute("create table if not exists only_in_first (id int)");
        }
        try (Connection second = connect("rig_second"); Statement statement = second.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select * from only_in_first"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only_in_first");
        }
    }

    @Test
    void startsOncePerJvm() {
        RealPostgres first = RealPostgres.get();
        RealPostgres second = RealPostgres.get();
        assertThat(second).isSameAs(first);
        assertThat(RealPostgres.starts()).isEqualTo(1);
    }

    @Test
    void runsInDockerExactlyWhenDockerAnswers() {
        // Without Docker the local server runs instead: nothing is skipped.
        assertThat(RealPostgres.get().dockerBacked()).isEqualTo(Docker.available());
    }

    private static Connection connect(String database) throws SQLException {
        RealPostgres postgres = RealPostgres.get();
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }
}
