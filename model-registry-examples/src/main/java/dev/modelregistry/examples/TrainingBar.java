package dev.modelregistry.examples;

import dev.modelregistry.api.training.service.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalDouble;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for a training run, drawn by {@code me.tongfei:progressbar} from the registry's progress
 * listener. A walk-forward run advances one step per fold and names the fold's round in the bar's message;
 * a single training run advances one step per round.
 *
 * <p>In a terminal the bar redraws one line in place. Anywhere else (a pipe, a CI log, a test capturing the
 * output) it prints whole lines instead, without carriage returns: one when it starts, one at most every
 * {@link #PIPE_INTERVAL_MILLIS} ms while it changes, and one when it closes, so a log shows the run and is
 * not flooded.
 *
 * <p>Thread-safe as the library's bar is; one bar per run.
 */
final class TrainingBar implements TrainingProgress, AutoCloseable {
    static final int PIPE_INTERVAL_MILLIS = 10_000;
    private final PlainLines lines;
    private final ProgressBar bar;
    private volatile boolean folds;
    private volatile String fold = "";

    private TrainingBar(PlainLines lines, ProgressBar bar) {
        this.lines = lines;
        this.bar = bar;
    }

    /**
     * Opens a bar that writes to {@code out}.
     *
     * @param out where to draw
     * @param task the label in front of the bar
     * @return the bar; close it when the run ends
     */
    static TrainingBar open(PrintStream out, String task) {
        boolean terminal = out == System.out && System.console() != null;
        PlainLines lines = new PlainLines(out);
        ProgressBarConsumer consumer = terminal ? new ConsoleProgressBarConsumer(out)
                : new DelegatingProgressBarConsumer(lines::print, 100);
        return new TrainingBar(lines, new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "  %-12s", task))
                .setInitialMax(1).setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(terminal ? 200 : PIPE_INTERVAL_MILLIS).setConsumer(consumer).hideEta()
                .build());
    }

    @Override
    public void onFoldStarted(int fold, int folds) {
        lines.started();
        this.folds = true;
        this.fold = "fold " + fold + "/" + folds;
        bar.maxHint(folds);
        bar.setExtraMessage(this.fold);
    }

    @Override
    public void onFoldFinished(int fold, int folds) {
        bar.stepTo(fold);
    }

    @Override
    public void onIteration(int iteration, int total, OptionalDouble validationMetric) {
        lines.started();
        String round = "round " + iteration + "/" + total + (validationMetric.isPresent()
                ? String.format(Locale.ROOT, ", validation rmse %.5f", validationMetric.getAsDouble()) : "");
        if (folds) {
            bar.setExtraMessage(fold + ", " + round);
        } else {
            bar.maxHint(total);
            bar.stepTo(iteration);
            bar.setExtraMessage(round);
        }
    }

    /** Draws the final state and stops redrawing. */
    @Override
    public void close() {
        bar.close();
    }

    /**
     * The lines a bar prints outside a terminal: none before the run reports anything (the bar's first
     * drawing knows no total yet), and never the same line twice (the library draws the final state both
     * on its last tick and on close).
     */
    private static final class PlainLines {
        private final PrintStream out;
        private boolean started;
        private String last = "";

        PlainLines(PrintStream out) {
            this.out = out;
        }

        synchronized void started() {
            started = true;
        }

        synchronized void print(String line) {
            String plain = line.strip();
            if (started && !plain.equals(last)) {
                out.println(plain);
                last = plain;
            }
        }
    }
}
