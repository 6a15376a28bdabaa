package io.acqsim.core.flow;

import io.acqsim.codec.IsoFrame;
import io.acqsim.codec.framing.Tpdu;
import io.acqsim.core.routing.Router;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Builds responses as PROTOCOL.md §4 says: echo the request's DE2, 3, 4, 7, 11, 12, 13, 22, 25,
 * 32, 33, 41, 42, 49, 60 (and DE70 on network messages, DE24 the ISO 1993 function code), set DE37, DE38 (approved only) and DE39;
 * TPDU swapped (or echoed), CUP header echoed.
 */
public final class ResponseBuilder {
    private static final int[] ECHOED = {2, 3, 4, 7, 11, 12, 13, 22, 24, 25, 32, 33, 41, 42, 49, 60, 70};

    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");

    private final boolean swapTpdu;
    private final boolean stampCupDates;
    private final Clock clock;

    /**
     * @param swapTpdu swap the TPDU's destination and source (else echo it)
     * @param clock    host time for DE12/DE13 on CUP responses whose request lacked them: a CUP
     *                 terminal keeps the response's DE13 as the original date (61.3) of later refunds
     */
    public ResponseBuilder(boolean swapTpdu, Clock clock) {
        this(swapTpdu, true, clock);
    }

    /**
     * @param stampCupDates set DE12/DE13 on responses of requests that lack them, when the
     *                      request has a CUP header (the CUP dialects); false for every other
     */
    public ResponseBuilder(boolean swapTpdu, boolean stampCupDates, Clock clock) {
        this.swapTpdu = swapTpdu;
        this.stampCupDates = stampCupDates;
        this.clock = clock;
    }

    /** A response to {@code request} with DE39 = {@code code} and the echoed fields, nothing else set. */
    public IsoFrame respond(IsoFrame request, String code) {
        ISOMsg req = request.msg();
        ISOMsg rsp = new ISOMsg();
        try {
            rsp.setMTI(Router.responseMti(req.getMTI()));
            for (int f : ECHOED) {
                ISOComponent c = req.getComponent(f);
                if (c != null) {
                    rsp.set(c);
                }
            }
            rsp.set(39, code);
            if (stampCupDates && request.header() != null && !rsp.hasField(13) && !"08".equals(req.getMTI().substring(0, 2))) {
                LocalDateTime now = LocalDateTime.now(clock);
                rsp.set(12, now.format(HHMMSS));
                rsp.set(13, now.format(MMDD));
            }
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build a response: " + e.getMessage(), e);
        }
        Tpdu tpdu = request.tpdu();
        return new IsoFrame(tpdu == null ? null : swapTpdu ? tpdu.swapped() : tpdu, request.header(), rsp);
    }

    /** Sets DE37 and, when approved, DE38 on a built response. */
    public static IsoFrame withReference(IsoFrame response, String rrn, String authCode) {
        ISOMsg m = response.msg();
        if (rrn != null) {
            m.set(37, rrn);
        }
        String code = m.getString(39);
        if (authCode != null && ("00".equals(code) || "000".equals(code))) {
            m.set(38, authCode);
        }
        return response;
    }
}
