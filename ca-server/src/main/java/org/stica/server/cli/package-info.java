/** The command line (picocli): {@code serve} (default), {@code init-ca}, {@code demo}. */
package org.stica.server.cli;
