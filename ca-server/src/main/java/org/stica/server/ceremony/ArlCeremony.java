package org.stica.server.ceremony;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.stica.crl.arl.ArlBuilder;
import org.stica.crl.port.RevokedEntry;
import org.stica.crl.store.StoredCrl;
import org.stica.crl.store.pg.PgArlStore;
import org.stica.hsm.KeyVault;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.RevokedCaKeys;
import org.stica.server.store.pg.PgCaKeyRevocationStore;

/**
 * {@code ceremony arl}: the root in the OFFLINE token signs the root's ARL with the
 * crl-publisher's {@link ArlBuilder} (RFC 5280 §5: v2, CRL Number, AKI, no IDP), listing every
 * revoked CA certificate of {@code ca_key_revocation} (as the online ARL does), valid for
 * {@code validityDays} (default 365). The signature is checked with the root certificate, then
 * the ARL is stored in table {@code arl} (its number must exceed every stored one: the
 * crl-publisher's {@link PgArlStore}), where every {@code serve} instance picks it up and
 * publishes it at {@code /crl/root.crl}. A copy is written as {@code root-<number>.crl}.
 */
public final class ArlCeremony {
    static final int DEFAULT_DAYS = 365;

    public StoredCrl run(CeremonySession session, Transcript transcript) {
        KeyVault offline = session.offline();
        X509Certificate root = session.root();
        transcript.put("offlineToken", offline.description())
                .put("signedBy", Transcript.certificate(root, CaAliases.ROOT));
        List<RevokedEntry> entries = new RevokedCaKeys(
                new PgCaKeyRevocationStore(session.pool()),
                X500Name.getInstance(root.getSubjectX500Principal().getEncoded()))
                .revokedCaCertificates().await();
        transcript.step("read " + entries.size() + " revoked CA certificate(s) from"
                + " ca_key_revocation");
        PgArlStore store = new PgArlStore(session.vertx(), session.pool(),
                session.transcriptDir().resolve(".arl-cache"));
        Optional<StoredCrl> previous = store.newest().await();
        Instant thisUpdate = session.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(session.ceremony().validity(DEFAULT_DAYS));
        BigInteger fromTime = BigInteger.valueOf(thisUpdate.toEpochMilli());
        BigInteger number = previous.map(p -> p.number().add(BigInteger.ONE).max(fromTime))
                .orElse(fromTime);
        byte[] der = new ArlBuilder().build(root, number, thisUpdate, nextUpdate, entries,
                signer(offline));
        verify(der, root);
        transcript.step("the root in the offline token signed ARL number " + number
                + "; its signature verifies with the root certificate");
        StoredCrl stored = store.insertIfNewer(StoredCrl.of(number, thisUpdate, nextUpdate, der))
                .await();
        transcript.step("stored the ARL in the database (table arl): serve publishes it at"
                + " /crl/root.crl");
        Path copy = session.transcriptDir().resolve("root-" + number + ".crl");
        try {
            Files.createDirectories(copy.getParent());
            Files.write(copy, der);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + copy, e);
        }
        transcript.step("wrote " + copy);
        JsonArray listed = new JsonArray();
        entries.forEach(e -> listed.add(new JsonObject().put("serial", e.serial().toString(16))
                .put("revokedAt", e.revokedAt().toString()).put("reasonCode", e.reasonCode())));
        transcript.put("arl", new JsonObject().put("number", number.toString())
                .put("thisUpdate", thisUpdate.toString()).put("nextUpdate", nextUpdate.toString())
                .put("sha256", stored.sha256()).put("entries", listed));
        return stored;
    }

    private static ContentSigner signer(KeyVault offline) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").setProvider(offline.provider())
                    .build(offline.privateKey(CaAliases.ROOT));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with the root key", e);
        }
    }

    private static void verify(byte[] der, X509Certificate root) {
        try {
            if (!new X509CRLHolder(der).isSignatureValid(
                    new JcaContentVerifierProviderBuilder().build(root))) {
                throw new CeremonyException("the ARL signature does not verify with the root");
            }
        } catch (IOException | OperatorCreationException | CertException e) {
            throw new CeremonyException("cannot verify the ARL: " + e.getMessage());
        }
    }
}
