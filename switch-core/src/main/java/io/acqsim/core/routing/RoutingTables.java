package io.acqsim.core.routing;

import static io.acqsim.core.routing.TxType.ADVICE;
import static io.acqsim.core.routing.TxType.AUTH;
import static io.acqsim.core.routing.TxType.AUTH_CANCEL;
import static io.acqsim.core.routing.TxType.BALANCE;
import static io.acqsim.core.routing.TxType.BATCH_UPLOAD;
import static io.acqsim.core.routing.TxType.COMPLETION;
import static io.acqsim.core.routing.TxType.COMPLETION_VOID;
import static io.acqsim.core.routing.TxType.NETWORK;
import static io.acqsim.core.routing.TxType.REFUND;
import static io.acqsim.core.routing.TxType.REVERSAL;
import static io.acqsim.core.routing.TxType.SALE;
import static io.acqsim.core.routing.TxType.SETTLEMENT;
import static io.acqsim.core.routing.TxType.VOID;

import java.util.List;

/** The transaction catalogues of PROTOCOL.md §2 as routing tables: MTI, DE3 prefix, DE60.1, type. */
final class RoutingTables {
    static final List<Route> ISO87 = List.of(
            new Route("0800", "*", "*", NETWORK),
            new Route("0100", "31", "*", BALANCE),
            new Route("0100", "00", "*", AUTH),
            new Route("0101", "00", "*", AUTH),
            new Route("0200", "31", "*", BALANCE),
            new Route("0200", "00", "*", SALE),
            new Route("0200", "02", "*", VOID),
            new Route("0200", "20", "*", REFUND),
            new Route("0220", "00", "*", COMPLETION),
            new Route("0220", "20", "*", REFUND),
            new Route("0400", "*", "*", REVERSAL),
            new Route("0401", "*", "*", REVERSAL),
            new Route("0420", "*", "*", ADVICE),
            new Route("0421", "*", "*", ADVICE),
            new Route("0500", "*", "*", SETTLEMENT));

    static final List<Route> CUP = List.of(
            new Route("0800", "*", "*", NETWORK),
            new Route("0200", "310000", "01", BALANCE),
            new Route("0100", "030000", "10", AUTH),
            new Route("0100", "200000", "11", AUTH_CANCEL),
            new Route("0200", "000000", "20", COMPLETION),
            new Route("0200", "200000", "21", COMPLETION_VOID),
            new Route("0200", "000000", "22", SALE),
            new Route("0200", "200000", "23", VOID),
            new Route("0220", "200000", "25", REFUND),
            new Route("0400", "*", "*", REVERSAL),
            new Route("0500", "*", "*", SETTLEMENT),
            new Route("0320", "*", "*", BATCH_UPLOAD));

    private RoutingTables() {
    }
}
