/**
 * Start-up provisioning shared by all instances on one database: {@link
 * org.stica.server.provision.PgProvisioningLock}, the PostgreSQL advisory lock under which
 * {@link org.stica.hsm.KeyProvisioner} creates the keys a server makes for itself on first start
 * (audit checkpoint key, STI-PA keys), so that replicas starting at once create each key once.
 */
package org.stica.server.provision;
