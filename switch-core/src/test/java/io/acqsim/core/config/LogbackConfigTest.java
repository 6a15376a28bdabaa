package io.acqsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import io.acqsim.core.testing.RunningServer;
import org.junit.jupiter.api.Test;

/**
 * The shipped config/logback.xml must load: when it does not, logback silently falls back to
 * DEBUG on everything, and acqsim then dumps every message field by field (the trace) to the console.
 */
class LogbackConfigTest {
    @Test
    void shippedLogbackConfigurationLoadsWithoutErrorsAndKeepsTheTraceOff() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(RunningServer.CONFIG_DIR.resolve("logback.xml").toFile());
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .filteredOn(s -> s.getLevel() >= Status.WARN).isEmpty();
        assertThat(context.getLogger("acqsim.trace").isDebugEnabled()).isFalse();
        assertThat(context.getLogger("acqsim.tx").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("ROOT").getEffectiveLevel()).isEqualTo(Level.INFO);
        context.stop();
    }
}
