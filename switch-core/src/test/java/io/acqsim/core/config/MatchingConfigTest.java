package io.acqsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.layout.FieldRef;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.core.reversal.IsoTraceKey;
import io.acqsim.core.reversal.KeyRules;
import io.acqsim.core.reversal.Matching;
import io.acqsim.core.reversal.Target;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.Test;

/**
 * A dialect definition's {@code matching:}: which field or sub-field supplies each part of the
 * trace key, inherited along {@code extends}, PROTOCOL.md §2's when absent, checked against the
 * layout at start; and the keys {@link KeyRules} then reads from real messages (packed by jPOS with
 * the test layout dialects/composite-host.xml: DE48 fixed sub-fields, DE127 with a sub-bitmap).
 */
class MatchingConfigTest {
    private static final Path DIR = dir();

    private static Path dir() {
        try {
            return Path.of(MatchingConfigTest.class.getResource("/dialects/composite-host.xml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AcqsimConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "acqsim.yaml", DIR);
    }

    private static Matching matching(AcqsimConfig config, String dialect) {
        return DialectDefinitions.matching(config, config.dialectsByName().get(dialect));
    }

    private static FieldRef ref(String text) {
        return FieldRef.parse(text);
    }

    @Test
    void withoutMatchingEveryDialectKeepsTheKeysOfProtocolSection2() {
        AcqsimConfig c = parse("dialects:\n  plain: { extends: iso87-ascii, layout: composite-host.xml }\n");

        assertThat(matching(c, "plain")).isEqualTo(new Matching(ref("41"), ref("42"), ref("11"), null, ref("90")));
        assertThat(matching(c, "iso87-binary")).isEqualTo(Matching.defaults(c.dialectsByName().get("iso87-binary")));
        assertThat(matching(c, "iso93-ascii").originalData()).isEqualTo(ref("56"));
        assertThat(matching(c, "cup-pos").originalData()).isNull();
        assertThat(matching(c, "cup-pos").stan()).isEqualTo(ref("11"));
    }

    @Test
    void subFieldsAreInheritedAlongExtendsAndEachPartCanBeOverridden() {
        AcqsimConfig c = parse("""
                dialects:
                  switch-key:
                    extends: iso87-ascii
                    layout: composite-host.xml
                    matching: { terminal: "127.12", stan: 127.2 }
                  switch-key-48:
                    extends: switch-key
                    matching: { originalStan: "48.3", originalData: "90" }
                """);

        // a STAN read elsewhere than DE11: DE90's STAN (the original's DE11) no longer names the key
        assertThat(matching(c, "switch-key"))
                .isEqualTo(new Matching(ref("127.12"), ref("42"), ref("127.2"), null, null));
        assertThat(matching(c, "switch-key-48"))
                .isEqualTo(new Matching(ref("127.12"), ref("42"), ref("127.2"), ref("48.3"), ref("90")));
    }

    @Test
    void originalDataNoneReversesByTheMessagesOwnStan() {
        AcqsimConfig c = parse("""
                dialects:
                  no-de90: { extends: iso87-ascii, layout: composite-host.xml, matching: { originalData: none } }
                """);

        assertThat(matching(c, "no-de90")).isEqualTo(new Matching(ref("41"), ref("42"), ref("11"), null, null));
    }

    @Test
    void aLayoutWithoutDe41StartsWhenTheTerminalIdIsReadElsewhere() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { layout: no-terminal-id.xml }\n"))
                .hasMessageContaining("does not define DE41");
        AcqsimConfig c = parse("dialects:\n  my-host: { layout: no-terminal-id.xml, matching: { terminal: \"63\" } }\n");

        assertThat(matching(c, "my-host").terminal()).isEqualTo(ref("63"));
    }

    @Test
    void aSubFieldTheLayoutDoesNotDeclareStopsTheStartNamingKeyAndValue() {
        assertThatThrownBy(() -> parse(keyed("stan: \"127.9\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("acqsim.yaml: dialects.keyed.matching.stan: '127.9'")
                .hasMessageContaining("composite field 127 of the")
                .hasMessageContaining("has no sub-field 9");
        assertThatThrownBy(() -> parse(keyed("terminal: \"41.1\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.keyed.matching.terminal: '41.1'")
                .hasMessageContaining("field 41 of the")
                .hasMessageContaining("is not composite");
        assertThatThrownBy(() -> parse(keyed("originalStan: \"127.1\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.keyed.matching.originalStan: '127.1'")
                .hasMessageContaining("sub-bitmap");
    }

    @Test
    void anUnknownFieldStopsTheStartNamingKeyAndValue() {
        assertThatThrownBy(() -> parse(keyed("merchant: \"99\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.keyed.matching.merchant: '99'")
                .hasMessageContaining("has no field 99");
        assertThatThrownBy(() -> parse(keyed("originalData: \"0\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.keyed.matching.originalData: '0'");
        assertThatThrownBy(() -> parse(keyed("originalStan: \"48.three\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.keyed.matching.originalStan: '48.three' is not a field (N) or a"
                        + " sub-field (N.M)");
        assertThatThrownBy(() -> parse(keyed("terminl: \"41\"")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.keyed.matching.terminl: unknown key");
    }

    @Test
    void anInheritedValueTheChildsLayoutLacksNamesWhereItWasSetAndTheDialect() {
        assertThatThrownBy(() -> parse("""
                dialects:
                  keyed: { extends: iso87-ascii, layout: composite-host.xml, matching: { stan: "127.2" } }
                  child: { extends: keyed, layout: iso87-ascii }
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.keyed.matching.stan: '127.2'")
                .hasMessageContaining("(dialect child)");
    }

    @Test
    void originalDataOnTheChinaUnionPayCatalogueIsRefused() {
        assertThatThrownBy(() -> parse("dialects:\n  cup2: { extends: cup-pos, matching: { originalData: \"90\" } }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.cup2.matching.originalData: '90'")
                .hasMessageContaining("China UnionPay");
    }

    private static String keyed(String matching) {
        return "dialects:\n  keyed: { extends: iso87-ascii, layout: composite-host.xml, matching: { " + matching
                + " } }\n";
    }

    // ---- the keys read from messages ----

    private static final String KEYED = """
            dialects:
              keyed:
                extends: iso87-ascii
                layout: composite-host.xml
                matching: { terminal: "127.12", stan: "127.2", originalStan: "48.3" }
            """;

    private static MessageView view(Dialect d, ISOMsg m) throws Exception {
        m.setPackager(new GenericPackager(DIR.resolve("composite-host.xml").toString()));
        return d.read(m.pack());
    }

    private static ISOMsg message(String mti, String stan, String switchKey, String owner) throws Exception {
        ISOMsg m = new ISOMsg(mti);
        m.set(3, "000000");
        m.set(4, "000000001000");
        m.set(11, stan);
        m.set(41, "IGNORED1");
        m.set(42, "MERCHANT0000001");
        m.set("127.2", switchKey);
        m.set("127.12", owner);
        return m;
    }

    @Test
    void keysAreReadFromTheSubFieldsMatchingNames() throws Exception {
        AcqsimConfig c = parse(KEYED);
        Dialect d = c.dialectsByName().get("keyed");
        KeyRules keys = KeyRules.of(d, DialectDefinitions.matching(c, d));

        MessageView sale = view(d, message("0200", "000001", "SK-0001", "OWNER-A"));
        assertThat(keys.own(sale)).isEqualTo(new IsoTraceKey("keyed", "OWNER-A", "MERCHANT0000001", "SK-0001"));

        // a reversal with a new DE11 and the original's switch key names the sale
        ISOMsg rev = message("0400", "000002", "SK-0001", "OWNER-A");
        rev.set(90, "020000000100000000000000000000000000000000");
        assertThat(keys.reversalTarget(view(d, rev))).isEqualTo(keys.own(sale));

        // 48.3 (originalStan) comes first when the reversal carries it
        rev.set("48.1", "EC");
        rev.set("48.2", "ABC");
        rev.set("48.3", "SK-0000");
        assertThat(keys.reversalTarget(view(d, rev)))
                .isEqualTo(new IsoTraceKey("keyed", "OWNER-A", "MERCHANT0000001", "SK-0000"));

        // voids name their original by DE37 on the terminal the matching reads
        ISOMsg voidOf = message("0200", "000003", "SK-0003", "OWNER-A");
        voidOf.set(37, "000000000042");
        Target target = keys.voidTarget(view(d, voidOf));
        assertThat(target.reference().terminal()).isEqualTo("OWNER-A");
    }

    @Test
    void withDefaultsAReversalNamesItsOriginalByDe90sStan() throws Exception {
        AcqsimConfig c = parse("dialects:\n  plain: { extends: iso87-ascii, layout: composite-host.xml }\n");
        Dialect d = c.dialectsByName().get("plain");
        KeyRules keys = KeyRules.of(d, DialectDefinitions.matching(c, d));

        ISOMsg rev = message("0400", "000002", "SK-0001", "OWNER-A");
        rev.set(90, "020000000100000000000000000000000000000000");
        assertThat(keys.reversalTarget(view(d, rev)))
                .isEqualTo(new IsoTraceKey("plain", "IGNORED1", "MERCHANT0000001", "000001"));
    }
}
