package io.acqsim.core.persist;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the durable journal: something that changed (or may have changed) the ledger or
 * the rules, recorded with enough to do it again identically. Request-level, so that it does not
 * depend on how the ledger is built inside.
 */
public sealed interface JournalRecord {
    long sequence();

    /** Epoch milliseconds of the host clock when it was first processed. */
    long time();

    /**
     * A decoded ISO request as received on a listener.
     *
     * @param body the frame body (envelope and message, no length prefix) re-encoded from the request
     */
    record IsoRequest(long sequence, long time, String listener, String dialect, byte[] body) implements JournalRecord {
    }

    /** A successful admin API call that changes state (PUT, POST, DELETE). */
    record AdminCall(long sequence, long time, String method, String path, Map<String, String> query, byte[] body)
            implements JournalRecord {
    }

    byte ISO = 1;
    byte ADMIN = 2;

    default byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(sequence());
            out.writeLong(time());
            if (this instanceof IsoRequest r) {
                out.writeByte(ISO);
                out.writeUTF(r.listener());
                out.writeUTF(r.dialect());
                out.writeInt(r.body().length);
                out.write(r.body());
            } else if (this instanceof AdminCall a) {
                out.writeByte(ADMIN);
                out.writeUTF(a.method());
                out.writeUTF(a.path());
                out.writeInt(a.query().size());
                for (Map.Entry<String, String> e : a.query().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeUTF(e.getValue());
                }
                out.writeInt(a.body().length);
                out.write(a.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode} wrote; an {@link IOException} if the bytes are not a record. */
    static JournalRecord decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        long seq = in.readLong();
        long time = in.readLong();
        byte kind = in.readByte();
        JournalRecord r;
        if (kind == ISO) {
            r = new IsoRequest(seq, time, in.readUTF(), in.readUTF(), bytes(in));
        } else if (kind == ADMIN) {
            String method = in.readUTF();
            String path = in.readUTF();
            int n = in.readInt();
            if (n < 0 || n > 1000) {
                throw new IOException("bad query size " + n);
            }
            Map<String, String> query = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                query.put(in.readUTF(), in.readUTF());
            }
            r = new AdminCall(seq, time, method, path, query, bytes(in));
        } else {
            throw new IOException("unknown record kind " + kind);
        }
        if (in.available() != 0) {
            throw new IOException(in.available() + " bytes after the record");
        }
        return r;
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad length " + n);
        }
        return in.readNBytes(n);
    }
}
