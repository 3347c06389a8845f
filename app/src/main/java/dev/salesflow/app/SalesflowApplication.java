package dev.salesflow.app;

import dev.salesflow.app.cli.RunCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SalesflowApplication {

    public static void main(String[] args) {
        // Axon would otherwise phone home at start-up.
        System.setProperty("axoniq.update-checker.disabled", "true");
        int exitCode = RunCommand.execute(args);
        if (exitCode != 0 || RunCommand.isSubcommand(args)) {
            System.exit(exitCode);
        }
        // Otherwise the application runs on its own threads until Ctrl-C.
    }
}
