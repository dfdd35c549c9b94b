package org.stica.server.ceremony;

import java.time.Clock;
import java.util.Map;
import org.stica.server.config.StiCaConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ceremony root|intermediate|crl-signer|arl|pa-root|pa-signer|pa-crl-signer}: the key
 * ceremonies that keep the root key (and the STI-PA root) offline (issue 16; see README "Key
 * custody"). Each prints its transcript and writes it signed by the root (the PA ceremonies by
 * the PA root); import it with {@code POST /admin/v1/ceremonies}. Order for a new CA: root,
 * crl-signer, intermediate, arl (and in STI-PA role pa-root, pa-signer, pa-crl-signer), then
 * {@code serve}.
 */
@Command(name = "ceremony", mixinStandardHelpOptions = true,
        description = "Key ceremonies with the root in an offline token (root, intermediate,"
                + " crl-signer, arl; in STI-PA role pa-root, pa-signer, pa-crl-signer)")
public final class CeremonyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a ceremony: root, intermediate, crl-signer, arl, pa-root,"
                + " pa-signer or pa-crl-signer");
    }

    @Command(name = "root", mixinStandardHelpOptions = true,
            description = "Generate the root key in the offline token and self-sign the root")
    int root(@Mixin CeremonyOptions options) {
        return report(Ceremonies.root(server(options), ceremony(options), Clock.systemUTC(),
                System.out::println));
    }

    @Command(name = "intermediate", mixinStandardHelpOptions = true,
            description = "A new issuing intermediate: key in the online token, signed by the"
                    + " offline root")
    int intermediate(@Mixin CeremonyOptions options) {
        return report(Ceremonies.intermediate(server(options), ceremony(options),
                Clock.systemUTC(), System.out::println));
    }

    @Command(name = "crl-signer", mixinStandardHelpOptions = true,
            description = "A new CRL signer: key in the online token, signed by the offline root")
    int crlSigner(@Mixin CeremonyOptions options) {
        return report(Ceremonies.crlSigner(server(options), ceremony(options),
                Clock.systemUTC(), System.out::println));
    }

    @Command(name = "arl", mixinStandardHelpOptions = true,
            description = "The offline root signs the ARL (revoked CA certificates); stored for"
                    + " serve to publish")
    int arl(@Mixin CeremonyOptions options) {
        return report(Ceremonies.arl(server(options), ceremony(options), Clock.systemUTC(),
                System.out::println));
    }

    @Command(name = "pa-root", mixinStandardHelpOptions = true,
            description = "STI-PA role: generate the PA root key in the offline token and"
                    + " self-sign it")
    int paRoot(@Mixin CeremonyOptions options) {
        return report(Ceremonies.paRoot(server(options), ceremony(options), Clock.systemUTC(),
                System.out::println));
    }

    @Command(name = "pa-signer", mixinStandardHelpOptions = true,
            description = "STI-PA role: the SPC token signer, key in the online token, signed by"
                    + " the offline PA root")
    int paSigner(@Mixin CeremonyOptions options) {
        return report(Ceremonies.paSigner(server(options), ceremony(options), Clock.systemUTC(),
                System.out::println));
    }

    @Command(name = "pa-crl-signer", mixinStandardHelpOptions = true,
            description = "STI-PA role: the PA CRL signer, key in the online token, signed by"
                    + " the offline PA root")
    int paCrlSigner(@Mixin CeremonyOptions options) {
        return report(Ceremonies.paCrlSigner(server(options), ceremony(options),
                Clock.systemUTC(), System.out::println));
    }

    private static StiCaConfig server(CeremonyOptions options) {
        return options.server(System.getenv());
    }

    private static CeremonyConfig ceremony(CeremonyOptions options) {
        Map<String, String> env = System.getenv();
        return options.ceremony(env);
    }

    private static int report(Ceremonies.Outcome outcome) {
        System.out.println("signed transcript: " + outcome.file());
        System.out.println("import it: curl -X POST -H 'Authorization: Bearer <admin key>'"
                + " -H 'Content-Type: application/json' --data-binary @" + outcome.file()
                + " <admin URL>/admin/v1/ceremonies");
        return 0;
    }
}
