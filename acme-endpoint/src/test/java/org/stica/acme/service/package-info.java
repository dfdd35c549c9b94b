/** Unit tests of the pure request checks used by the ACME services. */
package org.stica.acme.service;
