package org.stica.server.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Reads certificate records for the admin API (read-only). */
public interface CertificateSearch {

    /** Matching certificates as admin API JSON, newest first. */
    Future<List<JsonObject>> search(CertificateQuery query);
}
