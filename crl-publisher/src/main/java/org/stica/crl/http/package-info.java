/**
 * HTTP serving of the CRL (STANDARDS.md §6.4; RFC 2585; RFC 9110 §13 conditional requests):
 * {@link org.stica.crl.http.CrlHandler} answers GET/HEAD from memory,
 * {@link org.stica.crl.http.ConditionalGet} decides 304s, and
 * {@link org.stica.crl.http.CrlProblemHandler} is the one place failures become problem documents.
 */
package org.stica.crl.http;
