package org.stica.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 GETs written straight onto a socket the test holds (plain or TLS), so a test can
 * keep one connection open across a server-side change and send another request on it.
 */
public final class RawHttp {
    /** Status code and body of one response. */
    public record Response(int status, String body) {
    }

    private RawHttp() {
    }

    /** {@code GET path} on {@code socket}, kept alive; reads the response by its length. */
    public static Response get(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int status = Integer.parseInt(headers.substring(9, 12));
        int at = headers.indexOf("content-length:");
        if (at < 0) {
            throw new IOException("no content-length: " + headers);
        }
        at += "content-length:".length();
        int length = Integer.parseInt(headers.substring(at, headers.indexOf("\r\n", at)).trim());
        return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }
}
