package org.stica.server.subscriber;

/**
 * An SPC asked for is already held by another subscriber (an SPC belongs to at most one); the
 * change that asked for it was rolled back.
 */
public final class SpcAlreadyHeld extends RuntimeException {
    private final String spc;
    private final String holder;

    public SpcAlreadyHeld(String spc, String holder) {
        super("SPC " + spc + " is already held by subscriber " + holder, null, false, false);
        this.spc = spc;
        this.holder = holder;
    }

    public String spc() {
        return spc;
    }

    /** The id of the subscriber that holds it. */
    public String holder() {
        return holder;
    }
}
