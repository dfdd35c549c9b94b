/**
 * The CA hierarchy: key aliases, certificate names, {@code init-ca}
 * ({@link org.stica.server.ca.CaInitializer}) and the hierarchy loaded at start-up
 * ({@link org.stica.server.ca.CaHierarchy}).
 */
package org.stica.server.ca;
