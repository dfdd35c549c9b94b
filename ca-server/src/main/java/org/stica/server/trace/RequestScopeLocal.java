package org.stica.server.trace;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * Registers the context-local slot of {@link RequestScope}. Vert.x fixes its context-local slots
 * when the first instance is built and loads {@link VertxServiceProvider}s (this one is listed in
 * {@code META-INF/services}) just before, so the slot exists in every Vert.x instance.
 */
public final class RequestScopeLocal implements VertxServiceProvider {
    static final ContextLocal<RequestScope> SCOPE = ContextLocal.registerLocal(RequestScope.class);

    @Override
    public void init(VertxBootstrap builder) {
        // nothing to configure: loading this class registered the slot
    }
}
