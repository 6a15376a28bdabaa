package io.acqsim.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.acqsim.core.testing.RunningServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DialectsCommandTest {
    @Test
    void listsEveryBuiltInDialectWithFramingLayoutAndListeners() {
        StringWriter out = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));

        int exit = cl.execute("--config", RunningServer.CONFIG_DIR.resolve("acqsim.yaml").toString(), "dialects");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).anySatisfy(l -> assertThat(l).startsWith("DIALECT").contains("FRAMING"))
                .anySatisfy(l -> assertThat(l).matches("cup-pos +1987 +ascii +binary2 \\+ TPDU \\+ header 603100000000 +cup-pos"
                        + " +terminal=41 merchant=42 stan=11 originalData=none +China UnionPay +cup-pos:8583"))
                .anySatisfy(l -> assertThat(l).matches("iso93-ascii +1993 +ascii +ascii4 +iso93-ascii"
                        + " +terminal=41 merchant=42 stan=11 originalData=56 +ISO 8583:1993 +iso93-ascii:8586"))
                .anySatisfy(l -> assertThat(l).matches("iso87-ebcdic +1987 +ebcdic +binary2 +iso87-ebcdic"
                        + " +terminal=41 merchant=42 stan=11 originalData=90 +ISO 8583:1987 +iso87-ebcdic:8587"));
    }

    @Test
    void listsTheDialectsAConfigurationDeclares(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("acqsim.yaml");
        Files.writeString(config, """
                dialects:
                  my-host: { extends: iso87-ascii, framing: { length: binary4, lengthCountsItself: true, header: "4854" } }
                listeners:
                  mine: { dialect: my-host, port: 9001 }
                """);
        StringWriter out = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));

        assertThat(cl.execute("--config", config.toString(), "dialects")).isZero();

        assertThat(out.toString()).containsPattern(
                "my-host +1987 +ascii +binary4 \\(counts itself\\) \\+ header 4854 +iso87-ascii"
                + " +terminal=41 merchant=42 stan=11 originalData=90 +ISO 8583:1987 +mine:9001");
    }

    @Test
    void showsWhereEachDialectReadsItsMatchingKeysInheritedPartByPart(@TempDir Path dir) throws Exception {
        Path layouts = Path.of(DialectsCommandTest.class.getResource("/dialects/composite-host.xml").toURI());
        Path config = dir.resolve("acqsim.yaml");
        Files.copy(layouts, dir.resolve("composite-host.xml"));
        Files.writeString(config, """
                dialects:
                  postilion-ish:
                    extends: iso87-ascii
                    layout: composite-host.xml
                    matching: { terminal: "127.12", stan: "127.2" }
                  tlv-host:
                    extends: postilion-ish
                    matching: { originalStan: "48.3" }
                  no-de90: { extends: iso87-ascii, layout: composite-host.xml, matching: { originalData: none } }
                """);
        StringWriter out = new StringWriter();
        CommandLine cl = AcqsimCommand.commandLine();
        cl.setOut(new PrintWriter(out));

        assertThat(cl.execute("--config", config.toString(), "dialects")).isZero();

        assertThat(out.toString().lines()).anySatisfy(l -> assertThat(l).startsWith("DIALECT")
                        .containsPattern("LAYOUT +MATCHING +CATALOGUE"))
                .anySatisfy(l -> assertThat(l).matches("postilion-ish +1987 +ascii +ascii4 +composite-host.xml"
                        + " +terminal=127.12 merchant=42 stan=127.2 originalData=none +ISO 8583:1987 +-"))
                .anySatisfy(l -> assertThat(l).matches("tlv-host +1987 +ascii +ascii4 +composite-host.xml"
                        + " +terminal=127.12 merchant=42 stan=127.2 originalStan=48.3 originalData=none .*"))
                .anySatisfy(l -> assertThat(l).matches("no-de90 +.* +terminal=41 merchant=42 stan=11 originalData=none .*"))
                .anySatisfy(l -> assertThat(l).matches("iso87-ascii +.* +terminal=41 merchant=42 stan=11 originalData=90 .*"));
    }
}
