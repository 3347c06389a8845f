package dev.salesflow.app.generation;

import dev.salesflow.generation.GeneratorRunner;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A backfill whose generator stopped early cannot complete: the command exits non-zero with one
 * line that says what failed and what to do, and stops cleanly (Spring's shutdown hook stops the
 * rest and drains what is stored into bronze, as on Ctrl-C). A live run keeps serving: the failure
 * shows in {@code /api/status}, the progress line and {@code /actuator/health}.
 */
public class BackfillExit {

    /** Exit code of a backfill that could not complete. */
    public static final int EXIT_CODE = 1;

    /** How the process ends; tests replace it to watch the exit without ending their JVM. */
    @FunctionalInterface
    public interface ProcessExit {
        void exit(int code, String line);
    }

    private final ObjectProvider<ProcessExit> exit;

    public BackfillExit(ObjectProvider<ProcessExit> exit) {
        this.exit = exit;
    }

    void generatorFailed(GeneratorRunner.Failure failure) {
        if (!failure.backfill()) {
            return;
        }
        ProcessExit process = exit.getIfAvailable(() -> BackfillExit::exitProcess);
        String line = "salesflow: " + failure.describe();
        // Not on the generator's thread: the shutdown hook stops the generator and waits for that thread.
        Thread exiting = new Thread(() -> process.exit(EXIT_CODE, line), "salesflow-exit");
        exiting.start();
    }

    private static void exitProcess(int code, String line) {
        System.err.println(line);
        System.exit(code);
    }
}
