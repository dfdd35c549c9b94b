package org.stica.server.ceremony;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The record a ceremony writes and the server imports ({@code POST /admin/v1/ceremonies}):
 * <pre>
 * {"format": "stica-ceremony-record/1",
 *  "transcript": "&lt;the transcript JSON, as the exact text that was signed&gt;",
 *  "signature": "&lt;base64 DER of a detached CMS SignedData (RFC 5652) over the UTF-8 bytes of
 *                 transcript, signed by the root key in the offline token (ECDSA P-256,
 *                 SHA-256), root certificate included&gt;"}
 * </pre>
 */
public record SignedTranscript(String transcript, byte[] signature) {
    public static final String FORMAT = "stica-ceremony-record/1";

    public JsonObject toJson() {
        return new JsonObject().put("format", FORMAT).put("transcript", transcript)
                .put("signature", Base64.getEncoder().encodeToString(signature));
    }

    /**
     * Reads a record; checks only its shape ({@link TranscriptVerifier} checks the signature).
     *
     * @throws CeremonyRecordException when it is not a record
     */
    public static SignedTranscript parse(String json) {
        try {
            JsonObject record = new JsonObject(json);
            if (!FORMAT.equals(record.getString("format"))) {
                throw new CeremonyRecordException("format must be " + FORMAT);
            }
            String transcript = record.getString("transcript");
            String signature = record.getString("signature");
            if (transcript == null || signature == null) {
                throw new CeremonyRecordException("transcript and signature are required");
            }
            return new SignedTranscript(transcript, Base64.getDecoder().decode(signature));
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            throw new CeremonyRecordException("not a ceremony record: " + e.getMessage());
        }
    }
}
