package org.stica.acme.store.pg;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Conversions between Java values and the column types of the ACME tables. */
final class SqlValues {
    private SqlValues() {
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static Optional<Instant> optionalInstant(Row row, String column) {
        return Optional.ofNullable(instant(row, column));
    }

    static Optional<String> optionalString(Row row, String column) {
        return Optional.ofNullable(row.getString(column));
    }

    static Buffer bytes(byte[] value) {
        return Buffer.buffer(value);
    }

    static byte[] bytes(Row row, String column) {
        return row.getBuffer(column).getBytes();
    }
}
