package org.stica.acme.service;

import org.stica.acme.model.Account;
import org.stica.acme.problem.AcmeProblem;

/** Orders, authorizations and certificates are visible only to their own account (§7.1). */
final class OwnershipCheck {
    private OwnershipCheck() {
    }

    static void check(String ownerAccountId, Account requester, String what) {
        if (!ownerAccountId.equals(requester.id())) {
            throw AcmeProblem.unauthorized(what + " belongs to another account");
        }
    }
}
