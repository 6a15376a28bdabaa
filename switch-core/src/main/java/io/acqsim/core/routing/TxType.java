package io.acqsim.core.routing;

/** What a request asks the bank to do, decided by {@link Router} from MTI, DE3 and (CUP) DE60.1. */
public enum TxType {
    /** 0800 sign-on, sign-off, echo, key exchange: answered, no ledger effect. */
    NETWORK(false),
    /** Balance inquiry: no ledger effect, DE54 carries the balance. */
    BALANCE(true),
    /** Pre-authorization (0100, 0101 repeat): places a hold on the available balance. */
    AUTH(true),
    /** CUP pre-auth cancel 预授权撤销: releases an authorization's hold. */
    AUTH_CANCEL(true),
    /** Completion of a pre-auth: captures the hold as a debit. */
    COMPLETION(true),
    /** CUP completion void 预授权完成撤销: undoes a completion, the hold comes back. */
    COMPLETION_VOID(true),
    /** Sale (purchase): debit. */
    SALE(true),
    /** Void of a sale 消费撤销: credits the sale back. */
    VOID(true),
    /** Refund (return) 退货: credit, cumulative refunds at most the original. */
    REFUND(true),
    /** Reversal 0400/0401 冲正: undoes its original. */
    REVERSAL(false),
    /** Reversal advice 0420/0421: undoes its original, always acknowledged. */
    ADVICE(false),
    /** Settlement 0500 批结算: closes the terminal's batch. */
    SETTLEMENT(false),
    /** CUP batch upload 0320 批上送: acknowledged, no effect. */
    BATCH_UPLOAD(false);

    private final boolean original;

    TxType(boolean original) {
        this.original = original;
    }

    /**
     * Whether this type starts a transaction of its own that a reversal can name (as opposed to
     * reversals, advices and administrative messages).
     */
    public boolean isOriginal() {
        return original;
    }

    /** Types that scripted outcomes apply to by default: those that start a money movement. */
    public boolean isScriptedByDefault() {
        return this == AUTH || this == SALE || this == COMPLETION || this == REFUND;
    }
}
