package io.acqsim.core.ledger.pg;

import io.acqsim.core.config.PostgresqlConfig;
import io.acqsim.core.server.AcqsimServer;
import io.acqsim.core.testing.AdminClient;
import io.acqsim.core.testing.RunningServer;
import java.io.IOException;

/**
 * Two acqsim nodes, each with its own listeners and admin API, sharing one ledger in one
 * PostgreSQL database: what a bank with two host addresses looks like to its terminals.
 */
final class TwoNodes implements AutoCloseable {
    final AcqsimServer node1;
    final AcqsimServer node2;
    final AdminClient admin1;
    final AdminClient admin2;

    private TwoNodes(AcqsimServer node1, AcqsimServer node2) {
        this.node1 = node1;
        this.node2 = node2;
        this.admin1 = new AdminClient(node1.adminPort());
        this.admin2 = new AdminClient(node2.adminPort());
    }

    /** Both nodes on {@code db}, with {@code extraYaml} merged into the shipped configuration of each. */
    static TwoNodes start(PostgresqlConfig db, String extraYaml) throws IOException {
        AcqsimServer one = AcqsimServer.start(RunningServer.config(yaml(db, 1) + extraYaml));
        try {
            return new TwoNodes(one, AcqsimServer.start(RunningServer.config(yaml(db, 2) + extraYaml)));
        } catch (RuntimeException e) {
            one.close();
            throw e;
        }
    }

    static String yaml(PostgresqlConfig db, int node) {
        return "ledger:\n  store: postgresql\n  node: " + node + "\n  postgresql:\n    url: " + db.url() + "\n    user: "
                + db.user() + "\n    password: \"" + db.password() + "\"\n    connectTimeout: "
                + db.connectTimeout().toMillis() + "ms\n";
    }

    AcqsimServer node(int n) {
        return n == 1 ? node1 : node2;
    }

    @Override
    public void close() {
        node1.close();
        node2.close();
    }
}
