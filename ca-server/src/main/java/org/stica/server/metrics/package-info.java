/**
 * Prometheus metrics (issue 17): {@link org.stica.server.metrics.MetricsVertx} creates the Vert.x
 * instance with its Micrometer metrics SPI on (HTTP requests by route template, method and
 * status; the PostgreSQL and worker pools; JVM), {@link org.stica.server.metrics.ServerMetrics}
 * adds the server's own meters to the same registry, and
 * {@link org.stica.server.metrics.ScrapeHandler} serves {@code GET /metrics} on the admin port.
 *
 * <p>The domain modules stay free of Micrometer: each reports through a small port it owns
 * ({@code SignerObserver} in hsm-config, {@code CrlPublicationListener} in crl-publisher,
 * {@code AcmeActivity} in acme-endpoint), implemented here. A port is one interface of a few
 * methods, reads as what the module did rather than how it is measured, lets the module's own
 * tests record the calls as plain strings, and keeps a metrics library's version out of the
 * modules' dependency trees; the meters (names, labels, buckets) are decided in one package.
 * Labels take values from small fixed sets only (profiles, statuses, reason codes, route
 * templates), never an SPC, account, order or serial.
 */
package org.stica.server.metrics;
