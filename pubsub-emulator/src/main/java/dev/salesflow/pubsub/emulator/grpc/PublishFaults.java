package dev.salesflow.pubsub.emulator.grpc;

import com.google.pubsub.v1.PublisherGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault hook for tests: makes the emulator refuse the next Publish calls (gRPC) with a status
 * of the test's choosing, storing none of their messages, as Pub/Sub does when it refuses a
 * request. Off unless {@link #refuseNextPublishes} is called.
 */
public final class PublishFaults implements ServerInterceptor {

    private static final String PUBLISH = PublisherGrpc.getPublishMethod().getFullMethodName();

    private final AtomicInteger toRefuse = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Status status = Status.UNAVAILABLE;

    /** The next {@code count} Publish calls are answered with {@code answer} (not OK). */
    public void refuseNextPublishes(int count, Status answer) {
        if (answer.isOk()) {
            throw new IllegalArgumentException("a refusal needs a status other than OK");
        }
        status = answer;
        toRefuse.set(count);
    }

    /** Publish calls refused so far. */
    public int refused() {
        return refused.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getFullMethodName().equals(PUBLISH)
                && toRefuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            refused.incrementAndGet();
            call.close(status.withDescription("refused by the emulator's fault hook (a test)"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
    }
}
