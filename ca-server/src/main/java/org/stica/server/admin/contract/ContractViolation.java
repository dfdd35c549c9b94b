package org.stica.server.admin.contract;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Comparator;
import java.util.Optional;
import org.stica.server.http.HttpProblem;

/**
 * Turns vertx-openapi's refusal of a request into the admin API problem (RFC 9457): 415
 * {@code unsupportedMediaType} for a body of a media type the operation does not declare, else
 * 400 {@code malformed} with vertx-openapi's detail, which names the parameter (query parameter
 * limit) or the request body. For a schema violation the detail gives the most specific error
 * and its JSON pointer ({@code at #/role}) rather than vertx-openapi's last one, which for a
 * declared property is often the unhelpful "does not match additional properties schema". Any
 * other failure is passed on as is (an internal error: logged, never shown).
 */
final class ContractViolation {
    private static final String REASON = "Reason: ";

    private ContractViolation() {
    }

    static Throwable problem(Throwable failure) {
        if (!(failure instanceof ValidatorException refused)) {
            return failure;
        }
        return switch (refused.type()) {
            case UNSUPPORTED_VALUE_FORMAT -> new HttpProblem(415, "unsupportedMediaType",
                    refused.getMessage());
            case MISSING_REQUIRED_PARAMETER, INVALID_VALUE_FORMAT, ILLEGAL_VALUE, INVALID_VALUE ->
                    new HttpProblem(400, "malformed", detail(refused));
            case MISSING_OPERATION, MISSING_RESPONSE -> failure;
        };
    }

    private static String detail(ValidatorException refused) {
        String message = refused.getMessage();
        int reason = message.indexOf(REASON);
        if (!(refused instanceof SchemaValidationException schema) || reason < 0) {
            return message;
        }
        return mostSpecific(schema.getOutputUnit())
                .map(unit -> message.substring(0, reason + REASON.length()) + unit.getError()
                        + location(unit.getInstanceLocation()))
                .orElse(message);
    }

    /** The error deepest in the schema: the keyword that failed, not the ones around it. */
    private static Optional<OutputUnit> mostSpecific(OutputUnit result) {
        return result == null || result.getErrors() == null ? Optional.empty()
                : result.getErrors().stream().max(Comparator.comparingLong(unit ->
                        depth(unit.getKeywordLocation())));
    }

    private static long depth(String keywordLocation) {
        return keywordLocation == null ? 0 : keywordLocation.chars().filter(c -> c == '/').count();
    }

    private static String location(String instance) {
        return instance == null || instance.length() <= 1 ? "" : " at " + instance;
    }
}
