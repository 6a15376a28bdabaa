package io.acqsim.core.chip;

import io.acqsim.codec.emv.BerTlv;
import io.acqsim.codec.emv.EmvTags;
import io.acqsim.codec.emv.Tlv;
import java.util.ArrayList;
import java.util.List;

/** The response's DE55: issuer authentication data (tag 91) and issuer scripts, as the rules shape them. */
public final class IssuerResponse {
    private IssuerResponse() {
    }

    /**
     * DE55 for the response, or null when there is nothing to send (no verified ARQC and no script).
     *
     * @param check        the request's chip result
     * @param responseCode the response's DE39 (two characters), which the ARPC covers
     */
    public static byte[] de55(ChipCheck.Result check, String responseCode, ChipAction action) {
        List<Tlv> out = new ArrayList<>(3);
        if (check.arqcVerified() && action.arpc() != ChipAction.Arpc.OMIT) {
            byte[] tag91 = check.arqc().issuerAuthenticationData(responseCode);
            if (action.arpc() == ChipAction.Arpc.CORRUPT) {
                tag91[0] ^= (byte) 0xFF;
            }
            out.add(Tlv.of(EmvTags.ISSUER_AUTHENTICATION_DATA, tag91));
        }
        if (check.hasChipData()) {
            for (ChipAction.IssuerScript s : action.scripts()) {
                List<Tlv> body = new ArrayList<>();
                body.add(Tlv.of(EmvTags.ISSUER_SCRIPT_IDENTIFIER, s.id()));
                for (byte[] command : s.commands()) {
                    body.add(Tlv.of(EmvTags.ISSUER_SCRIPT_COMMAND, command));
                }
                out.add(Tlv.constructed(s.template(), body));
            }
        }
        return out.isEmpty() ? null : BerTlv.encode(out);
    }
}
