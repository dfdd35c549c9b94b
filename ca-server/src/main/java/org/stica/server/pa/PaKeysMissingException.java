package org.stica.server.pa;

/**
 * {@code serve} in STI-PA role found no complete ceremony-made PA signer and CRL signer in its
 * token while it may not make them (issue 16): the root is offline ({@code ca.rootOnline=false}),
 * or one of them came from a ceremony (a new PA root in the online token would split them). The
 * PA ceremonies must run first.
 */
public final class PaKeysMissingException extends RuntimeException {
    public PaKeysMissingException(String where) {
        super("STI-PA keys '" + PaKeys.SIGNER + "' and '" + PaKeys.CRL_SIGNER + "' missing in "
                + where + ": without the STI-PA root in this token (the root offline,"
                + " ca.rootOnline=false, or PA keys from ceremonies) the server does not make"
                + " them; run `stica-server ceremony pa-root`, then `ceremony pa-signer` and"
                + " `ceremony pa-crl-signer` (see README, Key custody)");
    }
}
