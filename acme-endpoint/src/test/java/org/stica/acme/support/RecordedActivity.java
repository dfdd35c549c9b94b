package org.stica.acme.support;

import java.util.List;
import org.stica.acme.model.ChallengeStatus;
import org.stica.acme.model.OrderStatus;
import org.stica.acme.port.AcmeActivity;

/** An {@link AcmeActivity} that writes each call as a line, e.g. {@code "orderFinished VALID"}. */
public final class RecordedActivity implements AcmeActivity {
    private final List<String> lines;

    public RecordedActivity(List<String> lines) {
        this.lines = lines;
    }

    @Override
    public void orderCreated(String profile) {
        lines.add("orderCreated " + profile);
    }

    @Override
    public void orderFinished(OrderStatus status) {
        lines.add("orderFinished " + status);
    }

    @Override
    public void challengeFinished(ChallengeStatus status) {
        lines.add("challengeFinished " + status);
    }

    @Override
    public void certificateIssued(String profile) {
        lines.add("certificateIssued " + profile);
    }

    @Override
    public void rateLimited(String limit) {
        lines.add("rateLimited " + limit);
    }
}
