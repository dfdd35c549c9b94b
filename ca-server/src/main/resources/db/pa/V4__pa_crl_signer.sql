-- The separate CRL signer that signed the last good STI-PA CRL (STANDARDS.md §4.2 item 3), as
-- PEM fetched from the CRL's AIA caIssuers URL; NULL when a trusted root signed the CRL.
ALTER TABLE pa_crl_copy ADD COLUMN signer_chain_pem TEXT;
