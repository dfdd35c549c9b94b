package org.stica.server.ca;

import org.stica.server.config.ConfigKey;

/**
 * {@code serve} found the root private key in the online token while the configuration says the
 * root is kept offline (issue 16; ARCHITECTURE.md §6: whoever compromises the online server must
 * not hold the root).
 */
public final class RootKeyOnlineException extends RuntimeException {
    public RootKeyOnlineException(String where) {
        this("root", where);
    }

    /** @param which {@code root} or {@code STI-PA root} */
    public RootKeyOnlineException(String which, String where) {
        super("the " + which + " private key is in the online token (" + where + "); keep it in"
                + " an offline token and sign with `stica-server ceremony ...`, or set "
                + ConfigKey.CA_ROOT_ONLINE.label() + " to true to run with the root online"
                + " (demo and tests only)");
    }
}
