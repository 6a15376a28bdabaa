package io.acqsim.core.routing;

/**
 * One line of a dialect's routing table.
 *
 * @param mti            request MTI, e.g. {@code 0200}
 * @param processingCode prefix of DE3 (e.g. {@code 00}, {@code 31}, {@code 200000}) or {@code *}
 * @param type60         CUP DE60.1 message type (e.g. {@code 22}) or {@code *}
 * @param type           the transaction type a match means
 */
public record Route(String mti, String processingCode, String type60, TxType type) {
    public Route {
        processingCode = processingCode == null ? "*" : processingCode;
        type60 = type60 == null ? "*" : type60;
    }

    boolean matches(String requestMti, String de3, String de60Type) {
        return mti.equals(requestMti)
                && ("*".equals(processingCode) || de3 != null && de3.startsWith(processingCode))
                && ("*".equals(type60) || type60.equals(de60Type));
    }
}
