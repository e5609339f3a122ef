package dev.safesend.servicekit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.safesend.servicekit.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers a request with a problem before anything has read its body (the route filters of this package), so that
 * the client reads the answer on a healthy connection: the body still on its way is read and thrown away, up to
 * {@code maxDiscarded} bytes; beyond that, or when the client waits for {@code 100 Continue} before sending it, the
 * answer says {@code Connection: close} and the connection is closed once it is written. Closing at once instead, as
 * Vert.x's own body limit does, resets the connection under a client that is still sending, and it never sees the
 * answer.
 */
final class EarlyProblemReply {

    private EarlyProblemReply() {
    }

    static void send(RoutingContext rc, ObjectMapper json, Problem problem, long declaredLength, long maxDiscarded) {
        HttpServerRequest request = rc.request();
        var response = rc.response();
        if (response.ended()) {
            return;
        }
        Problem answer = problem.instance() == null ? problem.withInstance(request.path()) : problem;
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            rc.fail(e);
            return;
        }
        boolean waitsForContinue = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        boolean bodyToCome = !request.isEnded() && !waitsForContinue;
        if (bodyToCome && declaredLength <= maxDiscarded) {
            AtomicLong discarded = new AtomicLong();
            request.exceptionHandler(e -> { });
            request.handler(chunk -> {
                if (discarded.addAndGet(chunk.length()) > maxDiscarded) {
                    request.connection().close();
                }
            });
            request.resume();
        } else if (!request.isEnded()) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            response.endHandler(v -> request.connection().close());
        }
        response.setStatusCode(answer.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
