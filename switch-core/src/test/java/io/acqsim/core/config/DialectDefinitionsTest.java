package io.acqsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.codec.dialect.Dialect;
import io.acqsim.codec.dialect.TextCharset;
import io.acqsim.codec.framing.LengthHeader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code dialects:} in the configuration: definitions that work, and each way one stops the start. */
class DialectDefinitionsTest {
    private static final Path DIR = dir();

    private static Path dir() {
        try {
            return Path.of(DialectDefinitionsTest.class.getResource("/dialects/test-host.xml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AcqsimConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "acqsim.yaml", DIR);
    }

    private static Map<String, Dialect> dialects(String yaml) {
        return parse(yaml).dialectsByName();
    }

    @Test
    void theBuiltInDialectsAreDefinitionsOfTheSameKind() {
        Map<String, Dialect> d = dialects("");

        assertThat(d).containsKeys("cup-pos", "iso87-binary", "iso87-ascii", "iso93-ascii", "iso87-ebcdic");
        assertThat(d.get("iso93-ascii").version()).isEqualTo(1993);
        assertThat(d.get("iso87-ebcdic").charset()).isEqualTo(TextCharset.EBCDIC);
        assertThat(d.get("iso87-ebcdic").framing().describe()).isEqualTo("binary2");
        assertThat(d.get("cup-pos").framing().describe()).isEqualTo("binary2 + TPDU + header 603100000000");
    }

    @Test
    void aDefinitionFromAnXmlFileTakesWhatItDoesNotSayFromTheDialectItExtends() {
        Dialect d = dialects("""
                dialects:
                  my-host:
                    extends: iso87-ascii
                    layout: test-host.xml
                    framing: { length: binary4, header: "ABCD" }
                listeners:
                  my-host: { dialect: my-host, port: 0 }
                """).get("my-host");

        assertThat(d.layoutSource()).isEqualTo("test-host.xml");
        assertThat(d.lengthHeader()).isEqualTo(LengthHeader.BINARY4);
        assertThat(d.framing().lengthCountsItself()).isFalse();
        assertThat(d.hasTpdu()).isFalse();
        assertThat(HexFormat.of().formatHex(d.framing().header())).isEqualTo("abcd");
        assertThat(d.version()).isEqualTo(1987);
        assertThat(d.isCup()).isFalse();
        assertThat(d.packager().getFieldPackager(48).getClass().getSimpleName()).isEqualTo("IFB_LLLCHAR");
    }

    @Test
    void ebcdicOnAnyLayoutAndExtendingAUserDialect() {
        Map<String, Dialect> d = dialects("""
                dialects:
                  base: { extends: iso93-ascii, framing: { length: ascii4, lengthCountsItself: true } }
                  mainframe: { extends: base, charset: ebcdic }
                """);

        Dialect m = d.get("mainframe");
        assertThat(m.version()).isEqualTo(1993);
        assertThat(m.framing().lengthCountsItself()).isTrue();
        assertThat(m.charset()).isEqualTo(TextCharset.EBCDIC);
        assertThat(m.packager().getFieldPackager(41).getClass().getSimpleName()).isEqualTo("IFE_CHAR");
    }

    @Test
    void unknownLayoutNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { layout: iso99-ascii }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.layout")
                .hasMessageContaining("unknown layout 'iso99-ascii'")
                .hasMessageContaining("iso93-ascii");
    }

    @Test
    void missingLayoutFileNamesTheKeyAndTheFile() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { layout: no-such-packager.xml }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.layout")
                .hasMessageContaining("'no-such-packager.xml': no readable file");
    }

    @Test
    void fileThatIsNoPackagerNamesTheKeyAndTheFile() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { layout: not-a-packager.xml }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.layout: 'not-a-packager.xml' is not a jPOS GenericPackager");
    }

    @Test
    void impossibleFramingValuesNameTheKeyAndTheValue() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { framing: { length: binary3 } }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.framing.length: 'binary3' is not one of "
                        + "[binary2, binary4, bcd2, ascii4, none]");
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { framing: { header: 'XYZ' } }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.framing.header: 'XYZ' is not hex bytes");
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { framing: { length: none, lengthCountsItself: true } }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.framing.lengthCountsItself");
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { charset: utf8 }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.charset: 'utf8' is not one of [ascii, ebcdic]");
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { version: 2003 }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.version: 2003 is not one of [1987, 1993]");
    }

    @Test
    void layoutWithoutAFieldTheCatalogueReadsNamesTheField() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { layout: no-terminal-id.xml }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.layout: 'no-terminal-id.xml' does not define DE41")
                .hasMessageContaining("matching key");
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { extends: iso87-ascii, version: 1993, layout: "
                + "test-host.xml }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not define DE24");
    }

    @Test
    void aFieldClassTheEngineCannotRunNamesTheKeyTheFileAndTheField() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { layout: unsupported-field.xml }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.layout: 'unsupported-field.xml'")
                .hasMessageContaining("field 48")
                .hasMessageContaining("IF_TCHAR");
    }

    @Test
    void unknownParentAndCyclesNameTheKey() {
        assertThatThrownBy(() -> parse("dialects:\n  my-host: { extends: iso88-ascii }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dialects.my-host.extends: unknown dialect 'iso88-ascii'");
        assertThatThrownBy(() -> parse("dialects:\n  a: { extends: b }\n  b: { extends: a }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("makes a cycle");
    }

    @Test
    void aListenerOnAnUndeclaredDialectNamesIt() {
        assertThatThrownBy(() -> parse("listeners:\n  x: { dialect: my-host, port: 0 }\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners.x.dialect: unknown dialect 'my-host'");
    }
}
