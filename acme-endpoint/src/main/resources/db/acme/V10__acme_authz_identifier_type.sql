-- The identifier type of each authorization (issue 19): an order holds one TNAuthList identifier
-- (RFC 9448 §3) and at most one JWTClaimConstraints identifier (draft-ietf-acme-authority-token-
-- jwtclaimcon; RCD.md §6), each with its own authorization and tkauth-01 challenge. The type
-- decides which authority token the challenge accepts. Existing rows are TNAuthList; a constant
-- default adds the column without rewriting the table.
ALTER TABLE acme_authz
    ADD COLUMN identifier_type text NOT NULL DEFAULT 'TNAuthList'
        CHECK (identifier_type IN ('TNAuthList', 'JWTClaimConstraints'));
