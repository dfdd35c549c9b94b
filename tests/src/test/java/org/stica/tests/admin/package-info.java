/** End-to-end tests of the admin API, the audit trail and the web console (issue 6). */
package org.stica.tests.admin;
