/** The audit log: security-relevant decisions, recorded append-only. */
package org.stica.server.audit;
