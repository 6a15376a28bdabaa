package io.acqsim.bench.echo;

import io.acqsim.bench.load.LoadCommand;
import io.acqsim.codec.dialect.Dialect;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acqsim-bench echo}: runs the echo baseline server until interrupted. */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "Start a bare Netty server with a dialect's framing that echoes every frame "
                + "(the machine's limit, for `load --baseline`).")
public final class EchoCommand implements Callable<Integer> {
    @Option(names = "--dialect", defaultValue = "iso87-binary",
            description = "Framing to speak: a built-in dialect (cup-pos, iso87-binary, iso87-ascii, iso93-ascii, "
                    + "iso87-ebcdic) or one of the configuration's (default: ${DEFAULT-VALUE}).")
    String dialect;

    @Option(names = "--config", paramLabel = "FILE",
            description = "acqsim's configuration, where --dialect is looked up first, as for `load`.")
    Path config;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "9584", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", defaultValue = "0",
            description = "Event loop threads; 0 = one per available processor, as acqsim (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws InterruptedException {
        Dialect d = LoadCommand.findDialect(dialect, config);
        EchoServer server = EchoServer.start(host, port, d, threads);
        System.out.println("echo server (" + d + " framing) on " + host + ":" + server.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "echo-shutdown"));
        stopped.await();
        return 0;
    }
}
