-- Every change to the subscriber registry tells every server instance sharing this database to
-- drop its cached view of who holds which SPC (SubscriberHolders, issue 18): a suspension, a
-- termination, a new legal name or a moved SPC must apply on every instance at once, whoever made
-- the change (admin API, manual SQL). NOTIFY is delivered when the writing transaction commits,
-- and not at all when it rolls back; one notification per statement is enough, since every
-- instance clears its whole cache on any of them.
CREATE FUNCTION subscriber_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('subscriber_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER subscriber_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON subscriber
    FOR EACH STATEMENT EXECUTE FUNCTION subscriber_notify();
CREATE TRIGGER subscriber_spc_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON subscriber_spc FOR EACH STATEMENT EXECUTE FUNCTION subscriber_notify();
