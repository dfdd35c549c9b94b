package org.stica.acme.service;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.stica.acme.problem.AcmeProblem;
import org.stica.acme.problem.ProblemType;

/**
 * Account contacts (RFC 8555 §7.3): only {@code mailto:} URIs (else unsupportedContact), each with
 * one plain address and no header fields (else invalidContact).
 */
public final class ContactCheck {
    private static final Pattern ADDRESS =
            Pattern.compile("[^@\\s,?<>\"]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final int MAX_CONTACTS = 10;

    public List<String> check(Object value) {
        if (!(value instanceof JsonArray array)) {
            throw AcmeProblem.malformed("'contact' must be an array of strings");
        }
        if (array.size() > MAX_CONTACTS) {
            throw new AcmeProblem(ProblemType.INVALID_CONTACT, "too many contacts");
        }
        List<String> contacts = new ArrayList<>();
        for (Object entry : array) {
            if (!(entry instanceof String contact)) {
                throw AcmeProblem.malformed("'contact' must be an array of strings");
            }
            if (!contact.startsWith("mailto:")) {
                throw new AcmeProblem(ProblemType.UNSUPPORTED_CONTACT,
                        "only mailto: contacts are supported");
            }
            if (!ADDRESS.matcher(contact.substring("mailto:".length())).matches()) {
                throw new AcmeProblem(ProblemType.INVALID_CONTACT,
                        "contact is not a single plain e-mail address");
            }
            contacts.add(contact);
        }
        return contacts;
    }
}
