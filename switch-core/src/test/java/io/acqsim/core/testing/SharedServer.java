package io.acqsim.core.testing;

import io.acqsim.core.server.AcqsimServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One acqsim with the shipped configuration (ephemeral ports) for all tests of a class, and an
 * admin client for it:
 * <pre>{@code @RegisterExtension static final SharedServer acqsim = new SharedServer();}</pre>
 */
public final class SharedServer implements BeforeAllCallback, AfterAllCallback {
    private AcqsimServer server;
    private AdminClient admin;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RunningServer.start();
        admin = new AdminClient(server.adminPort());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public AcqsimServer server() {
        return server;
    }

    public AdminClient admin() {
        return admin;
    }

    /** The bound port of a listener. */
    public int port(String listener) {
        return server.port(listener);
    }
}
