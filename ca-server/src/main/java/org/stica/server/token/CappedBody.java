package org.stica.server.token;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A WebClient body codec that keeps at most {@code maxBytes}, whether or not the server sent a
 * Content-Length: past the cap the rest is discarded (memory stays bounded) and the response
 * fails as too large when it ends; an endless body runs into the request's total timeout.
 * (Failing the write instead would pause the pipe and leave the request hanging until the
 * timeout.)
 */
public final class CappedBody implements BodyCodec<Buffer> {
    private final int maxBytes;

    public CappedBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public BodyStream<Buffer> stream() {
        return new Stream(maxBytes);
    }

    /** The body exceeded the configured cap. */
    public static final class TooLargeException extends RuntimeException {
        TooLargeException(int maxBytes) {
            super("response body exceeds " + maxBytes + " bytes", null, false, false);
        }
    }

    private static final class Stream implements BodyStream<Buffer> {
        private final int maxBytes;
        private final Buffer body = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        Stream(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (result.future().isComplete()) {
                return Future.succeededFuture();
            }
            if (body.length() + data.length() > maxBytes) {
                result.tryFail(new TooLargeException(maxBytes));
                return Future.succeededFuture();
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            result.tryComplete(body);
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
