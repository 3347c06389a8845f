package dev.salesflow.pubsub.emulator.grpc;

import com.google.protobuf.Empty;
import com.google.pubsub.v1.DeleteTopicRequest;
import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.ListTopicSubscriptionsRequest;
import com.google.pubsub.v1.ListTopicSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicsRequest;
import com.google.pubsub.v1.ListTopicsResponse;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.Topic;
import dev.salesflow.pubsub.emulator.broker.Broker;
import dev.salesflow.pubsub.emulator.broker.Page;
import io.grpc.stub.StreamObserver;

/**
 * The {@code google.pubsub.v1.Publisher} service. RPCs not overridden here (UpdateTopic,
 * ListTopicSnapshots, DetachSubscription) keep the generated UNIMPLEMENTED answer.
 */
public final class PublisherService extends PublisherGrpc.PublisherImplBase {

    private final Broker broker;

    public PublisherService(Broker broker) {
        this.broker = broker;
    }

    @Override
    public void createTopic(Topic request, StreamObserver<Topic> responses) {
        UnaryCalls.answer(responses, () -> broker.createTopic(request));
    }

    @Override
    public void getTopic(GetTopicRequest request, StreamObserver<Topic> responses) {
        UnaryCalls.answer(responses, () -> broker.getTopic(request.getTopic()));
    }

    @Override
    public void listTopics(ListTopicsRequest request, StreamObserver<ListTopicsResponse> responses) {
        UnaryCalls.answer(responses, () -> {
            Page<Topic> page = broker.listTopics(request.getProject(), request.getPageSize(), request.getPageToken());
            return ListTopicsResponse.newBuilder()
                    .addAllTopics(page.items())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void listTopicSubscriptions(
            ListTopicSubscriptionsRequest request, StreamObserver<ListTopicSubscriptionsResponse> responses) {
        UnaryCalls.answer(responses, () -> {
            Page<String> page =
                    broker.listTopicSubscriptions(request.getTopic(), request.getPageSize(), request.getPageToken());
            return ListTopicSubscriptionsResponse.newBuilder()
                    .addAllSubscriptions(page.items())
                    .setNextPageToken(page.nextPageToken())
                    .build();
        });
    }

    @Override
    public void deleteTopic(DeleteTopicRequest request, StreamObserver<Empty> responses) {
        UnaryCalls.answer(responses, () -> {
            broker.deleteTopic(request.getTopic());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void publish(PublishRequest request, StreamObserver<PublishResponse> responses) {
        UnaryCalls.answer(
                responses,
                () -> PublishResponse.newBuilder()
                        .addAllMessageIds(broker.publish(request.getTopic(), request.getMessagesList()))
                        .build());
    }
}
