package io.acqsim.core.chip;

import io.acqsim.codec.emv.EmvData;
import io.acqsim.codec.emv.TlvFormatException;
import io.acqsim.codec.field.Masking;
import io.acqsim.codec.pin.PinBlock;
import io.acqsim.codec.pin.PinBlockException;
import io.acqsim.core.config.AcqsimConfig;
import io.acqsim.core.rules.ScriptedOutcome;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chip and PIN around the ledger, in two typed steps the flow calls for every request that starts
 * a transaction: {@link #before} (read DE55, check the ARQC, check the PIN: a failure is a decline
 * with no ledger effect) and {@link #after} (the response's DE55 with the ARPC and issuer scripts
 * as the rules shape them, and the decoded tags kept for the admin API). Shared by every listener;
 * holds no lock shared by all requests.
 */
public final class ChipSteps {
    private static final Logger log = LoggerFactory.getLogger(ChipSteps.class);

    private final ChipCheck chip;
    private final String arqcFailure;
    private final PinStore pins = new PinStore();
    private final TerminalKeys terminalKeys;
    private final byte[] cupPik;
    private final EmvRecords records = new EmvRecords();

    public ChipSteps(AcqsimConfig config) {
        this.chip = new ChipCheck(new IssuerKeys(config.emv().imkAc()));
        this.arqcFailure = config.emv().arqcFailure();
        this.terminalKeys = new TerminalKeys(config.keys());
        this.cupPik = HexFormat.of().parseHex(config.mac().pik());
    }

    /** What {@link #before} decided. */
    public record Decision(ChipCheck.Result chip, String formatError, String declineCode) {
        public static final Decision NONE = new Decision(ChipCheck.Result.NO_CHIP, null, null);
    }

    /**
     * Before the ledger. A DE55 that is not BER-TLV is a format error; a wrong ARQC declines
     * {@code emv.arqcFailure}; a wrong PIN {@code 55}, the third in a row {@code 75}.
     *
     * @param cup       whether the PIN key is the CUP sign-on PIK (else the terminal's TPK)
     * @param de55      the request's DE55 or null
     * @param de52      the request's DE52 (enciphered PIN block) or null
     */
    public Decision before(String dialect, boolean cup, String pan, String terminal, byte[] de55, byte[] de52) {
        if (de55 == null && de52 == null) {
            return Decision.NONE;
        }
        ChipCheck.Result c = chip.check(de55, pan);
        if (c.formatError() != null) {
            log.info("{} terminal {} pan {}: {}", dialect, terminal, Masking.pan(pan), c.formatError());
            return new Decision(c, c.formatError(), null);
        }
        if (c.arqcFailed()) {
            log.info("{} terminal {} pan {}: {}: declining {}", dialect, terminal, Masking.pan(pan), c.arqc().reason(),
                    arqcFailure);
            return new Decision(c, null, arqcFailure);
        }
        if (de52 != null && pan != null && pins.has(pan)) {
            String entered = null;
            try {
                entered = PinBlock.decode(PinBlock.decrypt(cup ? cupPik : terminalKeys.tpk(terminal), de52), pan);
            } catch (PinBlockException | IllegalArgumentException e) {
                log.info("{} terminal {} pan {}: PIN block does not decode ({}): a wrong PIN", dialect, terminal,
                        Masking.pan(pan), e.getMessage());
            }
            PinStore.Verdict v = pins.check(pan, entered);
            if (v.responseCode() != null) {
                log.info("{} terminal {} pan {}: {}: declining {}", dialect, terminal, Masking.pan(pan),
                        v == PinStore.Verdict.WRONG ? "wrong PIN" : "PIN tries exceeded", v.responseCode());
                return new Decision(c, null, v.responseCode());
            }
        }
        return new Decision(c, null, null);
    }

    /**
     * After the ledger: the response's DE55 (null for none), with the rule's chip action applied;
     * an approved response whose ARPC the rule spoils is reported to the reversal watch.
     */
    public byte[] after(Decision d, String responseCode, String rrn, ScriptedOutcome scripted) {
        ChipCheck.Result c = d.chip();
        if (!c.hasChipData()) {
            return null;
        }
        ChipAction action = scripted.chip();
        byte[] de55 = IssuerResponse.de55(c, responseCode, action);
        if ("00".equals(responseCode) && c.arqcVerified() && action.arpc().spoils()) {
            scripted.arpcSpoiled();
        }
        EmvData response = null;
        if (de55 != null) {
            try {
                response = EmvData.parse(de55);
            } catch (TlvFormatException e) {
                throw new IllegalStateException("the host's own DE55 does not decode", e);
            }
        }
        records.put(rrn, c.data(), response, c.arqc() == null ? null : c.arqc().reason());
        return de55;
    }

    /** PINs of accounts ({@code PUT /accounts/{pan}}). */
    public PinStore pins() {
        return pins;
    }

    /** ISO terminals' working keys (key exchange, PIN and MAC keys). */
    public TerminalKeys terminalKeys() {
        return terminalKeys;
    }

    /** Decoded DE55 of recent chip transactions, by RRN. */
    public EmvRecords records() {
        return records;
    }

    /** {@code POST /reset}: PINs, exchanged keys and EMV records forgotten. */
    public void reset() {
        pins.clear();
        terminalKeys.reset();
        records.clear();
    }
}
