package io.acqsim.core.scenario;

import io.acqsim.codec.IsoFrame;
import io.acqsim.core.testing.IsoClient;
import java.io.IOException;
import org.jpos.iso.ISOMsg;

/** One terminal connection of a scenario: acqsim's own test client or a jPOS channel. */
interface ScenarioTerminal extends AutoCloseable {
    void send(IsoFrame request) throws IOException;

    /** The next response; {@link java.net.SocketTimeoutException} when none comes in time. */
    ISOMsg receive() throws IOException;

    default ISOMsg exchange(IsoFrame request) throws IOException {
        send(request);
        return receive();
    }

    @Override
    void close() throws IOException;

    static ScenarioTerminal of(IsoClient client) {
        return new ScenarioTerminal() {
            @Override
            public void send(IsoFrame request) throws IOException {
                client.send(request);
            }

            @Override
            public ISOMsg receive() throws IOException {
                return client.receive().msg();
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }
}
