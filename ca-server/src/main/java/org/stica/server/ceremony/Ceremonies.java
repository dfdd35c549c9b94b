package org.stica.server.ceremony;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.function.Consumer;
import org.stica.server.ca.CaAliases;
import org.stica.server.ca.CaKeyRole;
import org.stica.server.config.StiCaConfig;
import org.stica.server.pa.PaKeys;

/**
 * Runs one key ceremony end to end (issue 16; ARCHITECTURE.md §6): opens the tokens and the
 * database ({@link CeremonySession}), does the ceremony's work while printing each step,
 * signs the transcript with the root in the offline token ({@link TranscriptSigner}) and writes
 * it as {@code <transcriptDir>/<at>-<ceremony>-<id>.json} for the server to import
 * ({@code POST /admin/v1/ceremonies}). Blocking: the CLI's thread.
 */
public final class Ceremonies {
    /** What a ceremony produced: its transcript, the signed record and where it was written. */
    public record Outcome(Transcript transcript, SignedTranscript record, Path file) {
    }

    private Ceremonies() {
    }

    public static Outcome root(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                               Consumer<String> out) {
        try (CeremonySession session = CeremonySession.open(server, ceremony, clock, false)) {
            Transcript transcript = new Transcript("root", clock, out);
            X509Certificate root = new RootCeremony().run(session, transcript);
            return finish(session, transcript, CaAliases.ROOT, root);
        }
    }

    public static Outcome intermediate(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                                       Consumer<String> out) {
        return subordinate(CaKeyRole.INTERMEDIATE, "intermediate", server, ceremony, clock, out);
    }

    public static Outcome crlSigner(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                                    Consumer<String> out) {
        return subordinate(CaKeyRole.CRL_SIGNER, "crl-signer", server, ceremony, clock, out);
    }

    public static Outcome arl(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                              Consumer<String> out) {
        try (CeremonySession session = CeremonySession.open(server, ceremony, clock, false)) {
            Transcript transcript = new Transcript("arl", clock, out);
            new ArlCeremony().run(session, transcript);
            return finish(session, transcript, CaAliases.ROOT, session.root());
        }
    }

    /** {@code ceremony pa-root}: the STI-PA root in the offline token; signs its transcript. */
    public static Outcome paRoot(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                                 Consumer<String> out) {
        try (CeremonySession session = CeremonySession.open(server, ceremony, clock, false)) {
            Transcript transcript = new Transcript("pa-root", clock, out);
            X509Certificate root = PaCeremony.root(session, transcript);
            return finish(session, transcript, PaKeys.ROOT, root);
        }
    }

    /** {@code ceremony pa-signer}: the SPC token signer, certified by the offline PA root. */
    public static Outcome paSigner(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                                   Consumer<String> out) {
        return paSubordinate(PaKeys.SIGNER, "pa-signer", server, ceremony, clock, out);
    }

    /** {@code ceremony pa-crl-signer}: the PA CRL signer, certified by the offline PA root. */
    public static Outcome paCrlSigner(StiCaConfig server, CeremonyConfig ceremony, Clock clock,
                                      Consumer<String> out) {
        return paSubordinate(PaKeys.CRL_SIGNER, "pa-crl-signer", server, ceremony, clock, out);
    }

    private static Outcome paSubordinate(String alias, String name, StiCaConfig server,
                                         CeremonyConfig ceremony, Clock clock,
                                         Consumer<String> out) {
        try (CeremonySession session = CeremonySession.open(server, ceremony, clock, true)) {
            Transcript transcript = new Transcript(name, clock, out);
            PaCeremony.subordinate(alias, session, transcript);
            return finish(session, transcript, PaKeys.ROOT, session.paRoot());
        }
    }

    private static Outcome subordinate(CaKeyRole role, String name, StiCaConfig server,
                                       CeremonyConfig ceremony, Clock clock,
                                       Consumer<String> out) {
        try (CeremonySession session = CeremonySession.open(server, ceremony, clock, true)) {
            Transcript transcript = new Transcript(name, clock, out);
            new SubordinateCeremony(role).run(session, transcript);
            return finish(session, transcript, CaAliases.ROOT, session.root());
        }
    }

    /**
     * Signs the transcript with {@code signerAlias} in the offline token (the CA root, or the
     * STI-PA root for the PA ceremonies) and writes the record.
     */
    private static Outcome finish(CeremonySession session, Transcript transcript,
                                  String signerAlias, X509Certificate signer) {
        transcript.step("signed this transcript with the offline key '" + signerAlias
                + "' (detached CMS)");
        SignedTranscript record = TranscriptSigner.sign(transcript, session.offline(),
                signerAlias, signer);
        String at = transcript.json().getString("at").replace(":", "").replace("-", "");
        Path file = session.transcriptDir().resolve(at + "-" + transcript.ceremony() + "-"
                + transcript.id().substring(0, 8) + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, record.toJson().encodePrettily() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the ceremony record " + file, e);
        }
        return new Outcome(transcript, record, file);
    }
}
