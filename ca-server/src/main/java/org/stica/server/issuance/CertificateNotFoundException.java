package org.stica.server.issuance;

/** No certificate with that serial was issued by this CA (admin API: 404). */
public final class CertificateNotFoundException extends RuntimeException {
    public CertificateNotFoundException(String serialHex) {
        super("no issued certificate with serial " + serialHex);
    }
}
