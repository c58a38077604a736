package dev.modelregistry.examples;

import dev.modelregistry.api.training.service.TrainingProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalDouble;

/** Draws a one-line progress bar for a training run. Not thread-safe: one per run. */
final class ProgressBar implements TrainingProgress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private int drawn = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void onIteration(int iteration, int total, OptionalDouble metric) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * iteration / total);
        if (filled == drawn && iteration != total) {
            return; // redraw only when the bar grows
        }
        drawn = filled;
        out.printf(Locale.ROOT, "\r  %-16s [%s%s] %4d/%-4d%s", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                iteration, total, metric.isPresent() ? String.format(Locale.ROOT, "  validation rmse %.5f",
                        metric.getAsDouble()) : "");
        if (iteration >= total) {
            out.println();
        }
        out.flush();
    }
}
