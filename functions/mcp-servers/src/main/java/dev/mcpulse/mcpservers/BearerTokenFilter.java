package dev.mcpulse.mcpservers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} unless the request carries the one accepted token. */
final class BearerTokenFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final byte[] expectedHeader;

    BearerTokenFilter(String token) {
        this.expectedHeader = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String presented = request.getHeader("Authorization");
        if (presented != null && MessageDigest.isEqual(expectedHeader, presented.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate",
                "Bearer error=\"invalid_token\", error_description=\"The access token is missing or invalid\"");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"invalid_token\",\"error_description\":\"The access token is missing or invalid\"}");
    }
}
