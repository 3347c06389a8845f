package dev.salesflow.app.generation;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class BusinessClockConfiguration {

    /** Business time of live generation: now, in UTC. Tests replace it with a stepping clock. */
    @Bean
    Clock businessClock() {
        return Clock.systemUTC();
    }
}
