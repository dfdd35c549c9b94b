package org.stica.acme.service;

import org.stica.acme.model.Account;

/** An account and whether the request created it (201) or found it (200), RFC 8555 §7.3. */
public record AccountResult(Account account, boolean created) {
}
