package dev.salesflow.app.pubsub;

import com.google.cloud.spring.pubsub.PubSubAdmin;
import dev.salesflow.app.SalesflowProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Creates the topic and the bronze subscription if they are missing (set
 * {@code salesflow.pubsub.create-missing=false} where infrastructure is provisioned elsewhere).
 * Runs before Axon starts, so the relay never publishes to a missing topic.
 */
@Component
public class PubSubTopology implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PubSubTopology.class);
    private static final int ACK_DEADLINE_SECONDS = 60;

    private final PubSubAdmin admin;
    private final SalesflowProperties.PubSub settings;
    private volatile boolean running;

    public PubSubTopology(PubSubAdmin admin, SalesflowProperties properties) {
        this.admin = admin;
        this.settings = properties.pubsub();
    }

    @Override
    public void start() {
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
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return -100;
    }
}
