package dev.salesflow.eventstore.lifecycle;

import org.springframework.context.SmartLifecycle;

/**
 * A part that does its work at one {@link Phase} of start-up and/or shutdown: subclasses override
 * {@link #onStart()} and {@link #onStop()}; running state and phase are kept here.
 */
public abstract class PhasedLifecycle implements SmartLifecycle {

    private final Phase phase;
    private volatile boolean running;

    protected PhasedLifecycle(Phase phase) {
        this.phase = phase;
    }

    @Override
    public final void start() {
        onStart();
        running = true;
    }

    @Override
    public final void stop() {
        running = false;
        onStop();
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int getPhase() {
        return phase.value();
    }

    /** The start-up work; the part counts as running once it returns. */
    protected void onStart() {}

    /** The shutdown work. */
    protected void onStop() {}
}
