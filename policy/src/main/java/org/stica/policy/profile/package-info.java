/**
 * The ATIS-1000080 SHAKEN certificate profiles (root, intermediate, CRL signer, end entity) and
 * their lint.
 */
package org.stica.policy.profile;
