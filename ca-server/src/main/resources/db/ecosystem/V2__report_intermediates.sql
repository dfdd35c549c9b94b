-- Intermediate revocations are reported to the STI-PA too (STANDARDS.md §4.2 item 2: the STI-PA
-- CRL lists revoked STI intermediate and end-entity certificates, which is why both name it in
-- their CRLDP; §4.5 item 4). An intermediate's serial is on the root's ARL and in
-- ca_key_revocation, not in certificate, so a report no longer references certificate: each row
-- is written by the statement that records its revocation (PgCertificateStore for a certificate
-- this CA issued, PgCaKeyRevocationStore for an intermediate, whose issuer_alias is then the
-- root's ca_key alias), and neither kind of revocation is ever undone.
ALTER TABLE revocation_report DROP CONSTRAINT revocation_report_serial_fkey;
