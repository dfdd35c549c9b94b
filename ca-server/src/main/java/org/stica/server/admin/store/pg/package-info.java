/** SQL for the admin tables ({@code admin_api_key}, {@code admin_approval}; db/admin). */
package org.stica.server.admin.store.pg;
