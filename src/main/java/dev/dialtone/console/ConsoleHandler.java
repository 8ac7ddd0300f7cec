package dev.dialtone.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web console's static files, from the jar, at {@code /console/}: one page and its scripts and styles,
 * served by the API's own listener. The page holds no data and no secret: it calls the API as any client does
 * (same authentication and authorization), so nothing here reads the catalog. Every other request goes on to
 * the API handler.
 *
 * <p>The headers keep the page to its own files: a Content-Security-Policy allowing only same-origin scripts,
 * styles and requests (no inline script or style, no framing), {@code nosniff}, no referrer. No cookie is set.
 */
public final class ConsoleHandler extends Handler.Wrapper {
    public static final String PREFIX = "/console/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    /** Only flat file names of known kinds: no path walks out of the console's directory. */
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String RESOURCES = "/dev/dialtone/console/";

    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    public ConsoleHandler(Handler api) {
        super(api);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (read && path.equals("/console")) {
            secure(response);
            Response.sendRedirect(request, response, callback, HttpStatus.MOVED_PERMANENTLY_301, PREFIX, true);
            return true;
        }
        if (!read || !path.startsWith(PREFIX)) {
            return super.handle(request, response, callback);
        }
        String name = path.substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        Optional<byte[]> body = FILE.matcher(name).matches() ? file(name) : Optional.empty();
        if (body.isEmpty()) {
            // Unknown names get the API's own answer (a JSON error), like any path it does not serve.
            return super.handle(request, response, callback);
        }
        secure(response);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.get().length);
        response.write(true, "HEAD".equals(request.getMethod()) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body.get()),
                callback);
        return true;
    }

    private static void secure(Response response) {
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put("Cross-Origin-Opener-Policy", "same-origin");
        response.getHeaders().put("Cross-Origin-Resource-Policy", "same-origin");
    }

    private Optional<byte[]> file(String name) {
        return files.computeIfAbsent(name, ConsoleHandler::load);
    }

    private static Optional<byte[]> load(String name) {
        try (InputStream in = ConsoleHandler.class.getResourceAsStream(RESOURCES + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
