package org.stica.server.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The hours an activity report covers (issue 17): {@code hours} whole UTC hours starting at
 * {@code from}, the last one being the hour in progress. Buckets are half-open, {@code [start,
 * start + 1 h)}.
 *
 * @param from  the first bucket's start, on the hour
 * @param hours how many hourly buckets, 1 to {@link #MAX_HOURS}
 */
public record ActivityWindow(Instant from, int hours) {
    /** The window the console's dashboard shows: the last day. */
    public static final int DEFAULT_HOURS = 24;
    /** The longest window served: a week. */
    public static final int MAX_HOURS = 168;
    private static final Duration HOUR = Duration.ofHours(1);

    public ActivityWindow {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("hours must be 1-" + MAX_HOURS);
        }
        if (!from.truncatedTo(ChronoUnit.HOURS).equals(from)) {
            throw new IllegalArgumentException("a window starts on the hour: " + from);
        }
    }

    /** The {@code hours} hours up to and including the one {@code now} is in. */
    public static ActivityWindow endingAt(Instant now, int hours) {
        return new ActivityWindow(now.truncatedTo(ChronoUnit.HOURS).minus(HOUR
                .multipliedBy(hours - 1L)), hours);
    }

    /** The end of the last bucket (exclusive). */
    public Instant until() {
        return from.plus(HOUR.multipliedBy(hours));
    }

    /** Every bucket's start, oldest first. */
    public List<Instant> hourStarts() {
        return IntStream.range(0, hours).mapToObj(i -> from.plus(HOUR.multipliedBy(i))).toList();
    }
}
