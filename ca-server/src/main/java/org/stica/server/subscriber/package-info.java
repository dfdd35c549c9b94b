/**
 * The CA-side subscriber registry (issue 15): the carriers this CA issues to, their legal names
 * and countries (the subject O and C of their certificates, ATIS-1000080 §6.4.1), the SPCs each
 * holds, their standing (active, suspended, terminated) and contacts; the use cases
 * ({@link org.stica.server.subscriber.SubscriberService}) and their admin routes
 * ({@link org.stica.server.subscriber.SubscriberAdminHandler}). Tables in {@code db/subscriber}.
 */
package org.stica.server.subscriber;
