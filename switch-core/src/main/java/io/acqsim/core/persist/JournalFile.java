package io.acqsim.core.persist;

import io.acqsim.core.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on disk: {@code acqsim.journal} in the journal folder, a sequence of records, each
 * {@code [int length][int CRC32 of the payload][payload]}, appended and forced to the device
 * before the response it covers is sent.
 *
 * <p>Opening reads every record. A last record that is short or fails its CRC (the power went
 * mid-write) is dropped with a warning and cut off the file; a damaged record with good ones after
 * it is not a torn write, and stops the start rather than be misread. The file is locked while
 * open, so two processes never write one journal.
 */
public final class JournalFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalFile.class);
    public static final String NAME = "acqsim.journal";
    private static final int HEADER = 8;
    private static final int MAX_RECORD = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<JournalRecord> records;

    private JournalFile(Path path, FileChannel channel, FileLock lock, List<JournalRecord> records) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.records = records;
    }

    /** Opens (creating folder and file if needed) and reads the journal; a {@link ConfigException} if it cannot be used. */
    public static JournalFile open(Path dir) {
        Path path = dir.resolve(NAME);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new ConfigException("--journal " + dir + ": " + path + " is in use by another acqsim");
            }
            List<JournalRecord> records = read(path, ch);
            ch.position(ch.size());
            return new JournalFile(path, ch, lock, records);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ConfigException("--journal " + dir + ": cannot use " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private static List<JournalRecord> read(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        List<JournalRecord> out = new ArrayList<>();
        long at = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (at < size) {
            String problem = null;
            boolean torn = true; // whether the problem can only be an interrupted last write
            long next = at;
            JournalRecord record = null;
            if (size - at < HEADER) {
                problem = "only " + (size - at) + " bytes of a record header";
            } else {
                header.clear();
                readFully(ch, header, at);
                header.flip();
                int length = header.getInt();
                int crc = header.getInt();
                if (length <= 0 || length > MAX_RECORD) {
                    problem = "impossible record length " + length;
                    torn = zerosFrom(ch, at, size); // a file extended by the crash but never written
                } else if (size - at - HEADER < length) {
                    problem = "record of " + length + " bytes, only " + (size - at - HEADER) + " written";
                } else {
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    readFully(ch, payload, at + HEADER);
                    CRC32 c = new CRC32();
                    c.update(payload.array());
                    next = at + HEADER + length;
                    torn = next == size;
                    if ((int) c.getValue() != crc) {
                        problem = "CRC mismatch";
                    } else {
                        try {
                            record = JournalRecord.decode(payload.array());
                        } catch (IOException e) {
                            problem = "unreadable record: " + e.getMessage();
                        }
                    }
                }
            }
            if (problem != null) {
                if (!torn) {
                    throw new ConfigException("journal " + path + ": record at byte " + at + " is damaged (" + problem
                            + ") and is not the last one; refusing to start rather than misread it."
                            + " Move the file away to start from the fixtures.");
                }
                log.warn("journal {}: dropping a torn last record at byte {} ({}); {} good records kept", path, at,
                        problem, out.size());
                ch.truncate(at);
                ch.force(true);
                break;
            }
            out.add(record);
            at = next;
        }
        return out;
    }

    private static boolean zerosFrom(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        for (long p = from; p < size; ) {
            buf.clear();
            int n = ch.read(buf, p);
            if (n <= 0) {
                return true;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) != 0) {
                    return false;
                }
            }
            p += n;
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + p);
            }
            p += n;
        }
    }

    public Path path() {
        return path;
    }

    /** The records found when the file was opened, oldest first. */
    public List<JournalRecord> records() {
        return records;
    }

    /** Appends one record and forces it to the device. */
    public void append(JournalRecord record) throws IOException {
        byte[] payload = record.encode();
        CRC32 c = new CRC32();
        c.update(payload);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
        buf.putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            log.debug("journal {}: releasing the lock: {}", path, e.toString());
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                log.debug("closing journal: {}", e.toString());
            }
        }
    }
}
