/**
 * ACME problem documents (RFC 8555 §6.7, RFC 7807): the {@link org.stica.acme.problem.ProblemType}
 * table, the typed {@link org.stica.acme.problem.AcmeProblem} that code fails with, and the one
 * {@link org.stica.acme.problem.ProblemMapper} that turns any failure into a document.
 */
package org.stica.acme.problem;
