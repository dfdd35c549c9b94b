package org.stica.server.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Rich Call Data certificates ({@code rcd.*}, issue 19): the PEM file of the roots that
 * JWTClaimConstraints authority tokens must chain to ({@code rcd.claimTokenTrustAnchors},
 * RCD.md §8 item 4). They are configured on their own: the STI-PA roots that SPC tokens chain
 * to are not claim-token anchors unless this file names them too. Not configured, every
 * JWTClaimConstraints token is refused.
 */
public record Rcd(Optional<Path> claimTokenTrustAnchors) {
    /** No claim-token trust anchors. */
    public static final Rcd DEFAULTS = new Rcd(Optional.empty());

    static Rcd read(ConfigReader in) {
        return new Rcd(in.readableFile(ConfigKey.RCD_CLAIM_TOKEN_TRUST_ANCHORS));
    }
}
