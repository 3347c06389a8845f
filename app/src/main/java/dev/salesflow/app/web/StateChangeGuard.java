package dev.salesflow.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps web pages away from the application's state-changing endpoints (replay, dead-letter retry,
 * mart runs): a request that is not GET, HEAD or OPTIONS must carry {@value #CLIENT_HEADER} and
 * no foreign {@code Origin}. A browser cannot add a custom header to a cross-site request without a
 * CORS preflight, which this application never approves, and an HTML form cannot add one at all, so
 * a page the user opens cannot replay or retry anything; the command line sends the header.
 */
@Component
public class StateChangeGuard extends OncePerRequestFilter {

    /** The header every state-changing request must carry (the CLI commands send it). */
    public static final String CLIENT_HEADER = "X-Salesflow-Client";

    private static final Logger log = LoggerFactory.getLogger(StateChangeGuard.class);
    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    private final String address;

    public StateChangeGuard(@Value("${server.address:127.0.0.1}") String address) {
        this.address = address;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (READ_ONLY.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals(ownOrigin(request))) {
            refuse(response, "cross-origin " + request.getMethod() + " from " + origin + " refused");
            return;
        }
        String client = request.getHeader(CLIENT_HEADER);
        if (client == null || client.isBlank()) {
            refuse(
                    response,
                    request.getMethod() + " needs the header " + CLIENT_HEADER
                            + " (the ./run.sh commands send it); web pages cannot change the pipeline's state");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":403,\"error\":\"" + message.replace("\"", "'") + "\"}");
    }

    /** Anyone who can reach a non-loopback address can read the dashboard and send the header: say so. */
    @EventListener(ApplicationReadyEvent.class)
    public void warnIfReachableFromOtherMachines() {
        try {
            InetAddress bound = InetAddress.getByName(address);
            if (!bound.isLoopbackAddress()) {
                log.warn(
                        "The dashboard and API listen on {} (server.address), reachable from other machines; "
                                + "they have no authentication. Bind to 127.0.0.1 unless that is what you want.",
                        address);
            }
        } catch (IOException e) {
            log.warn("server.address '{}' cannot be resolved: {}", address, e.getMessage());
        }
    }
}
