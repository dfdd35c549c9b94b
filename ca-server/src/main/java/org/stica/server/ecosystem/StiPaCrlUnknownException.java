package org.stica.server.ecosystem;

import java.net.URI;

/**
 * Under the STI-PA ({@code ecosystem.mode=sti-pa}) a certificate cannot be made yet: its CRLDP
 * must name the STI-PA CRL's issuer, and no verified copy of that CRL from the configured URL
 * is known. Nothing was signed. The message is client-safe (it names the URL and why).
 */
public final class StiPaCrlUnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StiPaCrlUnknownException(URI url, String reason) {
        super("this CA runs under the STI-PA (ecosystem.mode=sti-pa): its certificates must name"
                + " the STI-PA CRL " + url + " and that CRL's issuer, which is not known yet ("
                + reason + "); nothing was issued", null, false, false);
    }
}
