package org.stica.server.ceremony;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Decides whether a {@link SignedTranscript} may enter the audit log: its CMS signature has
 * exactly one signer, which is one of this CA's roots (by issuer and serial, or key id) and
 * whose signature verifies with that root's public key over the exact transcript bytes; the
 * transcript is JSON of {@link Transcript#FORMAT} naming a known ceremony and a UUID id. Pure: no
 * I/O. Fails closed with {@link CeremonyRecordException}.
 */
public final class TranscriptVerifier {
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /** The verified transcript. */
    public JsonObject verify(SignedTranscript record, List<X509Certificate> roots) {
        byte[] content = record.transcript().getBytes(StandardCharsets.UTF_8);
        Collection<SignerInformation> signers;
        try {
            signers = new CMSSignedData(new CMSProcessableByteArray(content), record.signature())
                    .getSignerInfos().getSigners();
        } catch (CMSException | RuntimeException e) {
            throw new CeremonyRecordException("the signature is not a CMS SignedData");
        }
        if (signers.size() != 1) {
            throw new CeremonyRecordException("the record must have exactly one signer, has "
                    + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        if (roots.stream().noneMatch(root -> verifies(signer, root))) {
            throw new CeremonyRecordException("the signature does not verify with this CA's"
                    + " root certificate");
        }
        JsonObject transcript;
        try {
            transcript = new JsonObject(record.transcript());
        } catch (DecodeException e) {
            throw new CeremonyRecordException("the transcript is not a JSON object");
        }
        if (!Transcript.FORMAT.equals(transcript.getValue("format"))) {
            throw new CeremonyRecordException("the transcript format must be "
                    + Transcript.FORMAT);
        }
        Object ceremony = transcript.getValue("ceremony");
        if (!(ceremony instanceof String name) || !Transcript.CEREMONIES.contains(name)) {
            throw new CeremonyRecordException("the transcript names no known ceremony");
        }
        Object id = transcript.getValue("id");
        if (!(id instanceof String text) || !UUID.matcher(text).matches()) {
            throw new CeremonyRecordException("the transcript id must be a UUID");
        }
        return transcript;
    }

    private static boolean verifies(SignerInformation signer, X509Certificate root) {
        try {
            return signer.getSID().match(new JcaX509CertificateHolder(root))
                    && signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(root));
        } catch (CMSException | OperatorCreationException | CertificateEncodingException
                 | RuntimeException e) {
            return false;
        }
    }
}
