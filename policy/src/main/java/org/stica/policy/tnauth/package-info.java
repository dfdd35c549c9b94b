/** TNAuthList (RFC 8226 §9, explicit tags) values and their strict DER codec. */
package org.stica.policy.tnauth;
