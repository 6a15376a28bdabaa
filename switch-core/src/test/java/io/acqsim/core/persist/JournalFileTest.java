package io.acqsim.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acqsim.core.config.ConfigException;
import io.acqsim.core.testing.LogCapture;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file format: records survive reopening, a torn last record is dropped, damage elsewhere stops. */
class JournalFileTest {
    @TempDir
    Path dir;

    private static JournalRecord iso(long seq, String body) {
        return new JournalRecord.IsoRequest(seq, 1_700_000_000_000L + seq, "iso87-ascii", "iso87-ascii",
                body.getBytes(StandardCharsets.US_ASCII));
    }

    private void write(JournalRecord... records) throws Exception {
        try (JournalFile f = JournalFile.open(dir)) {
            for (JournalRecord r : records) {
                f.append(r);
            }
        }
    }

    private Path file() {
        return dir.resolve(JournalFile.NAME);
    }

    private static String body(JournalRecord r) {
        return new String(((JournalRecord.IsoRequest) r).body(), StandardCharsets.US_ASCII);
    }

    @Test
    void recordsComeBackInOrderWithEveryField() throws Exception {
        JournalRecord admin = new JournalRecord.AdminCall(3, 42L, "PUT", "/accounts/4111111111111111",
                Map.of("x", "1"), "{\"balance\":5}".getBytes(StandardCharsets.UTF_8));
        write(iso(1, "first"), iso(2, "second"), admin);

        try (JournalFile f = JournalFile.open(dir)) {
            List<JournalRecord> rs = f.records();
            assertThat(rs).hasSize(3);
            assertThat(body(rs.get(0))).isEqualTo("first");
            assertThat(rs.get(1).sequence()).isEqualTo(2);
            assertThat(rs.get(1).time()).isEqualTo(1_700_000_000_002L);
            JournalRecord.AdminCall a = (JournalRecord.AdminCall) rs.get(2);
            assertThat(a.method()).isEqualTo("PUT");
            assertThat(a.path()).isEqualTo("/accounts/4111111111111111");
            assertThat(a.query()).isEqualTo(Map.of("x", "1"));
            assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"balance\":5}");
        }
    }

    @Test
    void lastRecordCutShortIsDroppedWithAWarningAndAppendingGoesOn() throws Exception {
        write(iso(1, "first"), iso(2, "second"));
        long full = Files.size(file());
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.setLength(full - 3); // the power went while the last record was being written
        }

        try (LogCapture log = LogCapture.of(JournalFile.class); JournalFile f = JournalFile.open(dir)) {
            assertThat(f.records()).hasSize(1);
            assertThat(body(f.records().get(0))).isEqualTo("first");
            assertThat(log.contains("dropping a torn last record")).isTrue();
            f.append(iso(2, "second again"));
        }
        try (JournalFile f = JournalFile.open(dir)) {
            assertThat(f.records()).extracting(JournalFileTest::body).containsExactly("first", "second again");
        }
    }

    @Test
    void lastRecordWithAHalfWrittenHeaderIsDropped() throws Exception {
        write(iso(1, "first"));
        Files.write(file(), new byte[] {0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);

        try (JournalFile f = JournalFile.open(dir)) {
            assertThat(f.records()).hasSize(1);
        }
    }

    @Test
    void lastRecordWithAFlippedByteFailsItsCrcAndIsDroppedNotMisread() throws Exception {
        write(iso(1, "first"), iso(2, "second"));
        flipLastByte();

        try (JournalFile f = JournalFile.open(dir)) {
            assertThat(f.records()).extracting(JournalFileTest::body).containsExactly("first");
        }
    }

    @Test
    void tailOfZerosLeftByACrashIsDropped() throws Exception {
        write(iso(1, "first"));
        Files.write(file(), new byte[64], java.nio.file.StandardOpenOption.APPEND);

        try (JournalFile f = JournalFile.open(dir)) {
            assertThat(f.records()).hasSize(1);
        }
    }

    @Test
    void damagedRecordWithGoodOnesAfterItStopsTheStart() throws Exception {
        write(iso(1, "first"), iso(2, "second"), iso(3, "third"));
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            raf.seek(8 + 20); // inside the first record's payload
            raf.write(raf.read() ^ 0x01);
        }

        assertThatThrownBy(() -> JournalFile.open(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("record at byte 0 is damaged (CRC mismatch) and is not the last one");
    }

    @Test
    void aSecondProcessCannotOpenAJournalInUse() throws Exception {
        try (JournalFile first = JournalFile.open(dir)) {
            // A second open in the same JVM throws OverlappingFileLockException or fails the lock.
            assertThatThrownBy(() -> JournalFile.open(dir)).isInstanceOfAny(ConfigException.class,
                    java.nio.channels.OverlappingFileLockException.class);
        }
    }

    private void flipLastByte() throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
            long at = raf.length() - 1;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x40);
        }
    }
}
