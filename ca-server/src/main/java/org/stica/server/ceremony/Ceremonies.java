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
            return finish(session, transcript, root);
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
            return finish(session, transcript, session.root());
        }
    }

    private static Outcome subordinate(CaKeyRole role, String name, StiCaConfig server,
                                       CeremonyConfig ceremony, Clock clock,
                                       Consumer<String> out) {
        try (CeremonySession session = CeremonySession.open(server, ceremony, clock, true)) {
            Transcript transcript = new Transcript(name, clock, out);
            new SubordinateCeremony(role).run(session, transcript);
            return finish(session, transcript, session.root());
        }
    }

    private static Outcome finish(CeremonySession session, Transcript transcript,
                                  X509Certificate root) {
        transcript.step("signed this transcript with the root key (detached CMS)");
        SignedTranscript record = TranscriptSigner.sign(transcript, session.offline(),
                CaAliases.ROOT, root);
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
