package io.acqsim.codec.dialect;

import org.jpos.iso.IFB_BINARY;
import org.jpos.iso.IFB_BITMAP;
import org.jpos.iso.IFB_LLCHAR;
import org.jpos.iso.IFB_LLLBINARY;
import org.jpos.iso.IFB_LLLCHAR;
import org.jpos.iso.IFB_LLLNUM;
import org.jpos.iso.IFB_LLNUM;
import org.jpos.iso.IFB_NUMERIC;
import org.jpos.iso.IF_CHAR;
import org.jpos.iso.ISOBasePackager;
import org.jpos.iso.ISOFieldPackager;

/**
 * The China UnionPay POS field layout (1987 base, 64-bit bitmap). One line per field: number,
 * jPOS field packager (B = packed BCD or binary, CHAR = ASCII), maximum length, description.
 *
 * <p>BCD alignment follows CUP practice: fixed-length numerics are right-aligned with a leading
 * {@code 0} nibble ({@code pad = true}); variable-length numerics (DE2, 32, 35, 36, 48, 60, 61)
 * are left-aligned with a trailing {@code 0} nibble ({@code pad = false}); DE22 is left-aligned.
 * LL and LLL prefixes are BCD and count digits for numerics, bytes for everything else.
 */
public final class CupPackager extends ISOBasePackager {
    private static final boolean RIGHT_ALIGNED = true;
    private static final boolean LEFT_ALIGNED = false;

    private static final ISOFieldPackager[] FIELDS = {
        /* 0 */ new IFB_NUMERIC(4, "Message type indicator", RIGHT_ALIGNED),
        /* 1 */ new IFB_BITMAP(8, "Bitmap"),
        /* 2 */ new IFB_LLNUM(19, "Primary account number", LEFT_ALIGNED),
        /* 3 */ new IFB_NUMERIC(6, "Processing code", RIGHT_ALIGNED),
        /* 4 */ new IFB_NUMERIC(12, "Amount, transaction", RIGHT_ALIGNED),
        /* 5 */ null,
        /* 6 */ null,
        /* 7 */ new IFB_NUMERIC(10, "Transmission date and time", RIGHT_ALIGNED),
        /* 8 */ null,
        /* 9 */ null,
        /* 10 */ null,
        /* 11 */ new IFB_NUMERIC(6, "System trace audit number", RIGHT_ALIGNED),
        /* 12 */ new IFB_NUMERIC(6, "Time, local transaction hhmmss", RIGHT_ALIGNED),
        /* 13 */ new IFB_NUMERIC(4, "Date, local transaction MMDD", RIGHT_ALIGNED),
        /* 14 */ new IFB_NUMERIC(4, "Date, expiration YYMM", RIGHT_ALIGNED),
        /* 15 */ new IFB_NUMERIC(4, "Date, settlement MMDD", RIGHT_ALIGNED),
        /* 16 */ null,
        /* 17 */ null,
        /* 18 */ null,
        /* 19 */ null,
        /* 20 */ null,
        /* 21 */ null,
        /* 22 */ new IFB_NUMERIC(3, "Point of service entry mode", LEFT_ALIGNED),
        /* 23 */ new IFB_NUMERIC(3, "Card sequence number", RIGHT_ALIGNED),
        /* 24 */ null,
        /* 25 */ new IFB_NUMERIC(2, "Point of service condition code", RIGHT_ALIGNED),
        /* 26 */ new IFB_NUMERIC(2, "Point of service PIN capture code", RIGHT_ALIGNED),
        /* 27 */ null,
        /* 28 */ null,
        /* 29 */ null,
        /* 30 */ null,
        /* 31 */ null,
        /* 32 */ new IFB_LLNUM(11, "Acquiring institution identification code", LEFT_ALIGNED),
        /* 33 */ new IFB_LLNUM(11, "Forwarding institution identification code", LEFT_ALIGNED),
        /* 34 */ null,
        /* 35 */ new IFB_LLNUM(37, "Track 2 data", LEFT_ALIGNED),
        /* 36 */ new IFB_LLLNUM(104, "Track 3 data", LEFT_ALIGNED),
        /* 37 */ new IF_CHAR(12, "Retrieval reference number"),
        /* 38 */ new IF_CHAR(6, "Authorization identification response"),
        /* 39 */ new IF_CHAR(2, "Response code"),
        /* 40 */ null,
        /* 41 */ new IF_CHAR(8, "Card acceptor terminal identification"),
        /* 42 */ new IF_CHAR(15, "Card acceptor identification code"),
        /* 43 */ null,
        /* 44 */ new IFB_LLCHAR(25, "Additional response data"),
        /* 45 */ null,
        /* 46 */ null,
        /* 47 */ null,
        /* 48 */ new IFB_LLLNUM(322, "Additional data, private (settlement totals)", LEFT_ALIGNED),
        /* 49 */ new IF_CHAR(3, "Currency code, transaction"),
        /* 50 */ null,
        /* 51 */ null,
        /* 52 */ new IFB_BINARY(8, "PIN data"),
        /* 53 */ new IFB_NUMERIC(16, "Security related control information", RIGHT_ALIGNED),
        /* 54 */ new IFB_LLLCHAR(20, "Balance amount"),
        /* 55 */ new IFB_LLLBINARY(255, "ICC system related data"),
        /* 56 */ null,
        /* 57 */ null,
        /* 58 */ new IFB_LLLCHAR(100, "PBOC electronic data"),
        /* 59 */ null,
        /* 60 */ new IFB_LLLNUM(30, "Reserved private: 60.1 type, 60.2 batch, 60.3 network code, ...", LEFT_ALIGNED),
        /* 61 */ new IFB_LLLNUM(29, "Original message: 61.1 batch, 61.2 STAN, 61.3 date MMDD, ...", LEFT_ALIGNED),
        /* 62 */ new IFB_LLLBINARY(512, "Reserved private (working keys, batch details)"),
        /* 63 */ new IFB_LLLCHAR(163, "Reserved private (operator, card organisation)"),
        /* 64 */ new IFB_BINARY(8, "Message authentication code"),
    };

    public CupPackager() {
        setFieldPackager(FIELDS);
    }
}
