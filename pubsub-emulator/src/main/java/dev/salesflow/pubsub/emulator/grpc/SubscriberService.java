package dev.salesflow.pubsub.emulator.grpc;

import com.google.protobuf.Empty;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.DeleteSubscriptionRequest;
import com.google.pubsub.v1.GetSubscriptionRequest;
import com.google.pubsub.v1.ListSubscriptionsRequest;
import com.google.pubsub.v1.ListSubscriptionsResponse;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import dev.salesflow.pubsub.emulator.broker.Broker;
import dev.salesflow.pubsub.emulator.broker.Page;
import dev.salesflow.pubsub.emulator.broker.PullLimits;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The {@code google.pubsub.v1.Subscriber} service. Snapshots, Seek and ModifyPushConfig are not
 * overridden and keep the generated UNIMPLEMENTED answer.
 */
public final class SubscriberService extends SubscriberGrpc.SubscriberImplBase {

    private final Broker broker;
    private final Duration pullWait;
    private final Executor streamExecutor;

    /**
     * @param pullWait how long a Pull without return_immediately waits for a message
     * @param streamExecutor runs one delivery loop per open StreamingPull stream, and every Pull
     *     that may wait: the server runs calls on its transport threads (directExecutor), where
     *     nothing may block
     */
    public SubscriberService(Broker broker, Duration pullWait, Executor streamExecutor) {
        this.broker = broker;
        this.pullWait = pullWait;
        this.streamExecutor = streamExecutor;
    }

    @Override
    public void createSubscription(Subscription request, StreamObserver<Subscription> responses) {
        UnaryCalls.answer(responses, () -> broker.createSubscription(request));
    }

    @Override
    public void updateSubscription(UpdateSubscriptionRequest request, StreamObserver<Subscription> responses) {
        UnaryCalls.answer(
                responses,
                () -> broker.updateSubscription(
                        request.getSubscription(), request.getUpdateMask().getPathsList()));
    }

    @Override
    public void getSubscription(GetSubscriptionRequest request, StreamObserver<Subscription> responses) {
        UnaryCalls.answer(responses, () -> broker.getSubscription(request.getSubscription()));
    }

    @Override
    public void listSubscriptions(
            ListSubscriptionsRequest request, StreamObserver<ListSubscriptionsResponse> responses) {
        UnaryCalls.answer(responses, () -> {
            Page<Subscription> page =
                    broker.listSubscriptions(request.getProject(), request.getPageSize(), request.getPageToken());
            return ListSubscriptionsResponse.newBuilder()
                    .addAllSubscriptions(page.items())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void deleteSubscription(DeleteSubscriptionRequest request, StreamObserver<Empty> responses) {
        UnaryCalls.answer(responses, () -> {
            broker.deleteSubscription(request.getSubscription());
            return Empty.getDefaultInstance();
        });
    }

    @SuppressWarnings("deprecation") // return_immediately is deprecated but still sent by clients
    @Override
    public void pull(PullRequest request, StreamObserver<PullResponse> responses) {
        Runnable call = () -> UnaryCalls.answer(responses, () -> {
            Duration wait = request.getReturnImmediately() ? Duration.ZERO : pullWait;
            PullLimits limits = PullLimits.of(request.getMaxMessages(), wait);
            return PullResponse.newBuilder()
                    .addAllReceivedMessages(broker.pull(request.getSubscription(), limits))
                    .build();
        });
        if (request.getReturnImmediately()) {
            call.run();
            return;
        }
        try {
            streamExecutor.execute(call);
        } catch (RejectedExecutionException e) {
            responses.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("Too many StreamingPull streams and waiting Pulls at once (the emulator's"
                            + " --max-stream-threads); retry later or raise the limit")
                    .asRuntimeException());
        }
    }

    @Override
    public void acknowledge(AcknowledgeRequest request, StreamObserver<Empty> responses) {
        UnaryCalls.answer(responses, () -> {
            broker.acknowledge(request.getSubscription(), request.getAckIdsList());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void modifyAckDeadline(ModifyAckDeadlineRequest request, StreamObserver<Empty> responses) {
        UnaryCalls.answer(responses, () -> {
            broker.modifyAckDeadline(
                    request.getSubscription(), request.getAckIdsList(), request.getAckDeadlineSeconds());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public StreamObserver<StreamingPullRequest> streamingPull(StreamObserver<StreamingPullResponse> responses) {
        return new StreamingPullSession(
                broker, (ServerCallStreamObserver<StreamingPullResponse>) responses, streamExecutor);
    }
}
