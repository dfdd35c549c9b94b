-- Every change to an account row tells every server instance sharing this database to drop its
-- cached copy (AccountCache, AccountChangeSubscriber): a deactivated account (RFC 8555 §7.3.6) or
-- a replaced key (§7.3.5) must be refused on every instance at once, whoever made the change
-- (ACME key change, deactivation, contact update, the admin API, manual SQL). NOTIFY is delivered
-- when the writing transaction commits, and not at all when it rolls back.
CREATE FUNCTION acme_account_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('acme_account_changed', OLD.id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER acme_account_changed AFTER UPDATE OR DELETE ON acme_account
    FOR EACH ROW EXECUTE FUNCTION acme_account_notify();
