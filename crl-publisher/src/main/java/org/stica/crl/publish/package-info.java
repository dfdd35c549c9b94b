/**
 * Publishing the CRL (STANDARDS.md §6.2, §6.4): {@link org.stica.crl.publish.CrlPublishService}
 * decides, under the shared build lock, whether to build or reuse the newest CRL;
 * {@link org.stica.crl.publish.CrlProducer} numbers, builds (streaming, through
 * {@link org.stica.crl.publish.StreamingCrlBuild}), signs and checks one;
 * {@link org.stica.crl.publish.CrlSchedule} says when a CRL is due for a rebuild and how long
 * it may be cached; {@link org.stica.crl.publish.CrlSnapshot} holds the DER and PEM files the
 * HTTP handler serves.
 */
package org.stica.crl.publish;
