/**
 * Request ids (issue 17): one id per HTTP request on every listener, kept in the Vert.x context
 * the request runs on ({@link org.stica.server.trace.RequestScope}), so it follows the request
 * across futures, database replies and worker hops where a thread-bound MDC would not; a logback
 * filter copies it into each log event ({@link org.stica.server.trace.RequestIdLogFilter}) and the
 * audit log adds it to the details of the events a request causes.
 */
package org.stica.server.trace;
