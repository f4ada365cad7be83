package dev.mcpulse.mcpservers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Refuses every request as its {@link CredentialEcho} says, repeating the credential the request carried. */
final class CredentialEchoFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Pattern REQUEST_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+|\"[^\"]*\")");

    private final CredentialEcho echo;

    CredentialEchoFilter(CredentialEcho echo) {
        this.echo = echo;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException {
        String credential = request.getHeader("Authorization") != null ? request.getHeader("Authorization")
                : String.valueOf(request.getHeader("X-Api-Key"));
        String quoted = credential.replace("\\", "\\\\").replace("\"", "\\\"");
        response.setContentType("application/json");
        switch (echo) {
            case CHALLENGE -> {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"credential " + quoted + " is not valid\"");
                response.getWriter().write("{\"error\":\"invalid_token\",\"error_description\":\"credential " + quoted
                        + " is not valid\"}");
            }
            case INSUFFICIENT_SCOPE -> {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + quoted + "\"");
                response.getWriter().write("{\"error\":\"insufficient_scope\",\"scope\":\"" + quoted + "\"}");
            }
            case MALFORMED -> {
                response.setStatus(HttpServletResponse.SC_OK);
                response.getWriter().write("{\"not\": \"JSON-RPC\", \"credential\": \"" + quoted + "\"}");
            }
            case RPC_ERROR, SERVER_ERROR -> {
                response.setStatus(echo == CredentialEcho.RPC_ERROR ? HttpServletResponse.SC_BAD_REQUEST
                        : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                response.getWriter().write("{\"jsonrpc\":\"2.0\",\"id\":" + requestId(request)
                        + ",\"error\":{\"code\":-32603,\"message\":\"cannot serve credential " + quoted + "\"}}");
            }
        }
    }

    private static String requestId(HttpServletRequest request) throws IOException {
        Matcher id = REQUEST_ID.matcher(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return id.find() ? id.group(1) : "null";
    }
}
