package org.stica.server.pa;

/**
 * {@code serve} in STI-PA role with the root offline ({@code ca.rootOnline=false}) found no
 * ceremony-made PA signer and CRL signer in its token (issue 16): it does not make a PA root in
 * the online token; the PA ceremonies must run first.
 */
public final class PaKeysMissingException extends RuntimeException {
    public PaKeysMissingException(String where) {
        super("STI-PA keys '" + PaKeys.SIGNER + "' and '" + PaKeys.CRL_SIGNER + "' missing in "
                + where + ": with the root offline (ca.rootOnline=false) the server does not"
                + " make them; run `stica-server ceremony pa-root`, then `ceremony pa-signer` and"
                + " `ceremony pa-crl-signer` (see README, Key custody)");
    }
}
