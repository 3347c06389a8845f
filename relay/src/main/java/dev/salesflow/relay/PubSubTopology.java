package dev.salesflow.relay;

import com.google.cloud.spring.pubsub.PubSubAdmin;
import dev.salesflow.eventstore.lifecycle.Phase;
import dev.salesflow.eventstore.lifecycle.PhasedLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topic and the bronze subscription if they are missing (set
 * {@code salesflow.pubsub.create-missing=false} where infrastructure is provisioned elsewhere).
 * Runs before Axon starts, so the relay never publishes to a missing topic.
 */
public class PubSubTopology extends PhasedLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PubSubTopology.class);
    private static final int ACK_DEADLINE_SECONDS = 60;

    private final PubSubAdmin admin;
    private final RelaySettings settings;

    public PubSubTopology(PubSubAdmin admin, RelaySettings settings) {
        super(Phase.PUBSUB_TOPOLOGY);
        this.admin = admin;
        this.settings = settings;
    }

    @Override
    protected void onStart() {
        if (settings.createMissing()) {
            if (admin.getTopic(settings.topic()) == null) {
                admin.createTopic(settings.topic());
                log.info("Created Pub/Sub topic {}", settings.topic());
            }
            if (admin.getSubscription(settings.subscription()) == null) {
                admin.createSubscription(settings.subscription(), settings.topic(), ACK_DEADLINE_SECONDS);
                log.info("Created Pub/Sub subscription {}", settings.subscription());
            }
        }
    }
}
