package dev.salesflow.app.cli;

import dev.salesflow.app.SalesflowApplication;
import dev.salesflow.app.bronze.ErrorsCommand;
import dev.salesflow.app.export.ExportCommand;
import dev.salesflow.app.generation.GenerateCommand;
import dev.salesflow.app.generation.UntilConverter;
import dev.salesflow.app.gold.MartsCommand;
import dev.salesflow.app.replay.ReplayCommand;
import dev.salesflow.gcp.GcpCommand;
import dev.salesflow.generation.GeneratorSettings;
import dev.salesflow.generation.SeedLock;
import dev.salesflow.projection.deadletter.DeadLettersCommand;
import dev.salesflow.warehouse.WarehouseException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: typed options turned into Spring properties, then the application runs until Ctrl-C. */
@Command(
        name = "salesflow",
        sortOptions = false,
        subcommands = {
            GenerateCommand.class,
            DeadLettersCommand.class,
            ReplayCommand.class,
            MartsCommand.class,
            ErrorsCommand.class,
            ExportCommand.class,
            GcpCommand.class
        },
        description = "Simulates an electronics retailer and streams its sales through the event store, "
                + "Pub/Sub, the bronze Beam job, silver projections and gold marts to a dashboard.")
public class RunCommand implements Callable<Integer> {

    @Option(
            names = "--rate",
            description = "Sales per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).",
            defaultValue = "20")
    double rate;

    @Option(names = "--count", description = "Stop generating after this many sales in this run.")
    Long count;

    @Option(
            names = "--duration",
            description = "Stop generating after this long, e.g. 10m, 1h, 90s.",
            converter = DurationConverter.class)
    Duration duration;

    @Option(
            names = "--backfill-days",
            description = "Generate this many days of history before --until as fast "
                    + "as possible, then stop generating (the dashboard keeps running). Without it: live at --rate.")
    Integer backfillDays;

    @Option(
            names = "--sales-per-day",
            description = "Backfill: average sales per day (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    double salesPerDay;

    @Option(
            names = "--until",
            converter = UntilConverter.class,
            description =
                    "Backfill: end of the history, "
                            + "2026-11-01 or an instant (default: start of today UTC, or the end this data directory was made with).")
    Instant until;

    @Option(
            names = "--seed",
            description = "Seed of the simulation; one data directory keeps one seed " + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    @Option(
            names = "--data-dir",
            description = "Where the event store and the warehouse live " + "(default: ${DEFAULT-VALUE}).",
            defaultValue = "./data")
    Path dataDir;

    @Option(names = "--port", description = "Port of the dashboard (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    /** Anything else, such as --spring.profiles.active=gcp or --salesflow.marts.refresh-interval=10s, goes to Spring. */
    @CommandLine.Unmatched
    List<String> passThrough = new ArrayList<>();

    /** True if the arguments name a subcommand (generate, replay): it ends the process when done. */
    public static boolean isSubcommand(String[] args) {
        return args.length > 0
                && new CommandLine(new RunCommand()).getSubcommands().containsKey(args[0]);
    }

    public static int execute(String[] args) {
        return execute(args, new PrintWriter(System.err, true));
    }

    static int execute(String[] args, PrintWriter err) {
        return new CommandLine(new RunCommand())
                .setErr(err)
                .setParameterExceptionHandler(RunCommand::reportUnusableArgument)
                .setExecutionExceptionHandler(RunCommand::reportInvalidOption)
                .execute(args);
    }

    /** An option picocli cannot parse or convert: one line that says which and how to see the options. */
    private static int reportUnusableArgument(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getCommandName() + ": " + e.getMessage() + " (see --help)");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * An option value the simulation refuses (a negative rate, zero days...) is the user's to fix: say
     * what is wrong and how to see the options, without a stack trace. Anything else is a failure.
     */
    private static int reportInvalidOption(Exception e, CommandLine command, CommandLine.ParseResult parsed)
            throws Exception {
        if (e instanceof IllegalArgumentException) {
            command.getErr().println("salesflow: " + e.getMessage() + " (see --help)");
            return command.getCommandSpec().exitCodeOnInvalidInput();
        }
        throw e;
    }

    @Override
    public Integer call() {
        validateOptions();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("salesflow.generator.rate", rate);
        properties.put("salesflow.generator.seed", seed);
        properties.put(
                "salesflow.data-dir", dataDir.toAbsolutePath().normalize().toString());
        properties.put("server.port", port);
        if (count != null) {
            properties.put("salesflow.generator.count", count);
        }
        if (duration != null) {
            properties.put("salesflow.generator.duration", duration.toString());
        }
        if (backfillDays != null) {
            properties.put("salesflow.generator.backfill-days", backfillDays);
            properties.put("salesflow.generator.sales-per-day", salesPerDay);
        }
        if (until != null) {
            properties.put("salesflow.generator.until", until.toString());
        }
        // As command-line arguments they outrank application.yml; pass-through arguments come last and win.
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        arguments.addAll(passThrough);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(SalesflowApplication.class).run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            // Spring has logged the details; the last line says what stopped the start and what to do.
            System.err.println("salesflow: the application could not start: " + startFailure(e));
            return 1;
        }
        // Runs until Ctrl-C: Spring's shutdown hook stops the generator first, then drains and closes.
        return context.isActive() ? 0 : 1;
    }

    /**
     * The message that says why a start failed: the warehouse's own (it names the file and the likely
     * cause, such as another process holding it), else the innermost cause's.
     */
    static String startFailure(Throwable e) {
        Throwable innermost = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WarehouseException) {
                return cause.getMessage();
            }
            innermost = cause;
            if (cause.getCause() == cause) {
                break;
            }
        }
        String message = innermost.getMessage();
        return innermost.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + " (see the log above for where)";
    }

    /**
     * Everything the options alone can tell is checked before Spring, the event store, the emulator
     * or Beam start: a wrong value costs one line and exit code 2, not a stack trace minutes later.
     */
    void validateOptions() {
        if (!Double.isFinite(rate) || rate < 0) {
            throw new IllegalArgumentException(
                    "--rate must be 0 (as fast as possible) or a positive number, got " + rate);
        }
        if (count != null && count < 0) {
            throw new IllegalArgumentException("--count must be 0 or more, got " + count);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be longer than zero, got " + duration);
        }
        if (backfillDays != null && backfillDays < 1) {
            throw new IllegalArgumentException("--backfill-days must be at least 1, got " + backfillDays);
        }
        if (!Double.isFinite(salesPerDay) || salesPerDay <= 0) {
            throw new IllegalArgumentException("--sales-per-day must be a positive number, got " + salesPerDay);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        requireWritableDirectory(dataDir);
        // Generator sizes given to Spring directly change the plan: then the runner judges it alone.
        if (passThrough.stream().noneMatch(argument -> argument.startsWith("--salesflow.generator."))) {
            GeneratorSettings settings = new GeneratorSettings(
                    true,
                    seed,
                    rate,
                    count,
                    duration,
                    GeneratorSettings.DEFAULT_PRODUCTS,
                    GeneratorSettings.DEFAULT_CUSTOMERS,
                    GeneratorSettings.DEFAULT_STORES,
                    backfillDays,
                    salesPerDay,
                    until);
            try {
                new SeedLock(dataDir).verify(settings, Instant.now().truncatedTo(ChronoUnit.DAYS));
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    private static void requireWritableDirectory(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--data-dir " + directory + " cannot be created (" + e.getMessage()
                    + "): choose a folder you can write to");
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new IllegalArgumentException("--data-dir " + directory + " is not a folder you can write to");
        }
    }

    /** Accepts 90s, 10m, 1h, 2d or ISO-8601 (PT10M). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.strip().toLowerCase();
            if (text.isEmpty()) {
                throw new CommandLine.TypeConversionException("the duration is empty: use 90s, 10m, 1h, 2d or PT10M");
            }
            if (text.startsWith("p")) {
                try {
                    return Duration.parse(text.toUpperCase());
                } catch (DateTimeParseException e) {
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a duration: use 90s, 10m, 1h, 2d or PT10M");
                }
            }
            long amount;
            try {
                amount = Long.parseLong(text.substring(0, text.length() - 1));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration: use 90s, 10m, 1h, 2d or PT10M");
            }
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default ->
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a duration: use 90s, 10m, 1h, 2d or PT10M");
            };
        }
    }
}
