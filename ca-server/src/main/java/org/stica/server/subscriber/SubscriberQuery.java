package org.stica.server.subscriber;

import java.util.Optional;

/** A page of the subscriber list, newest first, optionally by status or by one SPC held. */
public record SubscriberQuery(Optional<SubscriberStatus> status, Optional<String> spc,
                              int offset, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 500;
}
