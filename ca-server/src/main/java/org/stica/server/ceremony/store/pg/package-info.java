/** PostgreSQL for the ceremony records ({@code ceremony_record}). */
package org.stica.server.ceremony.store.pg;
