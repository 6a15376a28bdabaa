package io.acqsim.core.config;

/**
 * MAC checking and working keys on the CUP dialect. Keys are given in clear, as hex: this is a
 * simulator, the keys are test keys.
 *
 * @param enabled   check DE64 on requests (a missing or wrong MAC answers A0) and set it on responses
 * @param algorithm {@code cup-ecb} (CUP ECB MAC) or {@code x919} (ANSI X9.19)
 * @param mak       MAC key (16 hex digits for single DES, 32 for double length; x919 needs 32)
 * @param pik       PIN key handed out at sign-on
 * @param tmk       terminal master key the sign-on response's DE62 encrypts PIK and MAK under
 */
public record MacConfig(Boolean enabled, String algorithm, String mak, String pik, String tmk) {
    public MacConfig {
        enabled = enabled != null && enabled;
        algorithm = algorithm == null ? "cup-ecb" : algorithm;
        mak = mak == null ? "0123456789ABCDEFFEDCBA9876543210" : mak;
        pik = pik == null ? "1C1C1C1C1C1C1C1C2D2D2D2D2D2D2D2D" : pik;
        tmk = tmk == null ? "0123456789ABCDEF0123456789ABCDEF" : tmk;
    }
}
