package dev.mcpulse.mcpservers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the sessions the SDK opens (requests without an {@code Mcp-Session-Id} answered with one) and, when told
 * to, makes the server forget a session once: the first request that carries a session id reaches the SDK with an
 * id it never issued, so the SDK itself answers 404 as it does for a session it has ended. Later requests pass
 * unchanged.
 */
final class SessionWatchFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String SESSION_HEADER = "Mcp-Session-Id";

    private final AtomicBoolean forgetOnce;
    private final AtomicInteger opened = new AtomicInteger();

    SessionWatchFilter(boolean forgetFirstSession) {
        this.forgetOnce = new AtomicBoolean(forgetFirstSession);
    }

    int sessionsOpened() {
        return opened.get();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId != null && forgetOnce.compareAndSet(true, false)) {
            chain.doFilter(new UnknownSession(request, "forgotten-" + sessionId), response);
            return;
        }
        chain.doFilter(request, response);
        if (sessionId == null && response.getHeader(SESSION_HEADER) != null) {
            opened.incrementAndGet();
        }
    }

    /** The request as it came, but with a session id the server never issued. */
    private static final class UnknownSession extends HttpServletRequestWrapper {

        private final String sessionId;

        UnknownSession(HttpServletRequest request, String sessionId) {
            super(request);
            this.sessionId = sessionId;
        }

        @Override
        public String getHeader(String name) {
            return SESSION_HEADER.equalsIgnoreCase(name) ? sessionId : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return SESSION_HEADER.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(sessionId)) : super.getHeaders(name);
        }
    }
}
