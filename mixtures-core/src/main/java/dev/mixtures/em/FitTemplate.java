package dev.mixtures.em;

import dev.mixtures.BadInputException;
import dev.mixtures.ProgressListener;
import dev.mixtures.FitTrace;
import dev.mixtures.Statistics;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one fit every model runs (docs/ARCHITECTURE.md, "the path of one fit"): validate →
 * standardise → one random stream per start → the starts, in parallel, each on the shared
 * {@link EmLoop} (optionally short, then the best one continued: emEM) → the best start by the
 * objective → its final pass → the trace, in the data's original units. A model supplies only a
 * {@link Spec}: how one start begins, its family of E- and M-steps, how a run ends, and what the
 * objective loses in going back to original units. As scikit-learn's {@code BaseMixture.fit_predict}
 * is one loop for its mixtures, this is one fit for K-means, the Gaussian mixture and the
 * Bayesian mixture; a run's state lives in its family (as in ELKI's per-run {@code Instance}).
 */
public final class FitTemplate {
    private FitTemplate() {
    }

    /**
     * The settings the template itself reads.
     *
     * @param seed        seed of all randomness; start r draws from the r-th stream split from it
     * @param threads     worker threads in all (≥ 1); results do not depend on them
     * @param runs        number of starts (1 when the start is given)
     * @param maxIter     iteration limit of a start
     * @param shortRuns   with several starts, run each this many iterations and continue the best
     *                    one alone (emEM); 0 runs every start to the limit
     * @param maximise    whether a larger objective is better (log-likelihood, bound) or a smaller
     *                    one (the K-means cost)
     * @param standardize whether to fit on standardised columns
     */
    public record Options(long seed, int threads, int runs, int maxIter, int shortRuns, boolean maximise,
            boolean standardize) {
    }

    /** How one start begins: the family it runs on and its first parameters. */
    public record Begin<P, S extends Statistics<S>>(EmFamily<P, S> family, P params) {
    }

    /**
     * How a run ends: its final parameters, the statistics of one pass over all rows with them
     * (what the model reports: sizes, cost, log-likelihood), and its objective in the fitted units.
     */
    public record End<P, S>(P params, S statistics, double objective) {
    }

    /** What a model supplies to the template, made for the data as fitted (standardised or not). */
    public interface Spec<P, S extends Statistics<S>> {
        /** A start: a fresh family and first parameters, drawn from {@code rnd} or given. */
        Begin<P, S> begin(SplittableRandom rnd, Workers workers);

        /** A fresh family to continue a run from its parameters (short runs, refinement). */
        EmFamily<P, S> family(Workers workers);

        /** The loop's iteration limit for a start whose settings allow {@code maxIter}; that by default. */
        default int limit(int maxIter) {
            return maxIter;
        }

        /** The end of a run from the loop's result: by default its last parameters, statistics and objective. */
        default End<P, S> end(EmFamily<P, S> family, EmLoop.Result<P, S> result, Workers workers) {
            return new End<>(result.params(), result.lastStatistics(), result.history()[result.history().length - 1]);
        }

        /**
         * What the objective loses when taken back to the data's original units, given the final
         * statistics; 0 unless a density was fitted to standardised columns (then Σ_j ln sd_j per
         * unit of weight).
         */
        default double unitsShift(S statistics) {
            return 0;
        }

        /** Whether this failure drops the one start it happened in, rather than the whole fit. */
        default boolean dropsStart(RuntimeException failure) {
            return false;
        }
    }

    /**
     * One finished start.
     *
     * @param restart    which start (from 0)
     * @param end        its final parameters, statistics and objective (fitted units); null when it failed
     * @param history    the objective per iteration (fitted units)
     * @param converged  whether the convergence test was met
     * @param events     what its family reported (re-seeded components, say)
     * @param failure    why it was dropped, or null
     */
    public record Run<P, S>(int restart, End<P, S> end, double[] history, boolean converged, List<String> events,
            RuntimeException failure) {
    }

    /**
     * What a fit gives a model to build itself from.
     *
     * @param standardizer the standardiser fitted to the data, or null
     * @param best         the best start, finished
     * @param trace        its trace in original units, with the whole fit's time
     * @param objective    its objective in original units
     * @param notes        every start's events and dropped starts, in start order
     */
    public record Outcome<P, S>(Standardizer standardizer, Run<P, S> best, FitTrace trace, double objective,
            List<String> notes) {
        /** The best start's final parameters. */
        public P params() {
            return best.end().params();
        }

        /** The statistics of the best start's final pass. */
        public S statistics() {
            return best.end().statistics();
        }
    }

    /**
     * Fits: {@code check} validates the data in their own units, {@code spec} makes the model's
     * spec for the data as fitted (standardised when the options say so, with that standardiser).
     *
     * @throws IllegalArgumentException from {@code check}, or when a column cannot be standardised
     * @throws java.util.concurrent.CancellationException when {@code cancel} answers true
     */
    public static <P, S extends Statistics<S>> Outcome<P, S> fit(Dataset data, Options o, Consumer<Dataset> check,
            BiFunction<Dataset, Standardizer, Spec<P, S>> spec, ProgressListener listener, BooleanSupplier cancel) {
        try {
            return fitChecked(data, o, check, spec, listener, cancel);
        } catch (InternalError e) {
            // A mapped file cut short while in use faults on a read; name the file.
            BadInputException b = data.readFault(e);
            if (b != null) {
                throw b;
            }
            throw e;
        } catch (RuntimeException e) {
            // The same fault in a worker thread, wrapped by Workers.
            BadInputException b = data.readFault(e.getCause());
            if (b != null) {
                throw b;
            }
            throw e;
        }
    }

    private static <P, S extends Statistics<S>> Outcome<P, S> fitChecked(Dataset data, Options o, Consumer<Dataset> check,
            BiFunction<Dataset, Standardizer, Spec<P, S>> spec, ProgressListener listener, BooleanSupplier cancel) {
        long start = System.nanoTime();
        check.accept(data);
        Standardizer st = o.standardize() ? Standardizer.fit(data) : null;
        Dataset z = st == null ? data : st.transform(data);
        Settings.checkScale(z, st != null);
        Spec<P, S> s = spec.apply(z, st);
        SplittableRandom[] streams = Restarts.streams(o.seed(), o.runs());
        boolean brief = o.shortRuns() > 0 && o.runs() > 1 && o.shortRuns() < o.maxIter();
        int limit = brief ? o.shortRuns() : s.limit(o.maxIter());
        List<Run<P, S>> runs = Restarts.run(o.threads(), o.runs(),
                (r, workers) -> run(s, () -> s.begin(streams[r], workers), r, workers, limit, null, listener, cancel));
        Run<P, S> best = null;
        List<String> notes = new ArrayList<>();
        for (Run<P, S> r : runs) {
            if (r.failure() != null) {
                notes.add("start " + (r.restart() + 1) + " dropped: " + r.failure().getMessage());
                continue;
            }
            for (String e : r.events()) {
                notes.add((o.runs() > 1 ? "start " + (r.restart() + 1) + ", " : "") + e);
            }
            if (best == null || better(r.end().objective(), best.end().objective(), o.maximise())) {
                best = r;
            }
        }
        if (best == null) {
            throw runs.get(0).failure();
        }
        if (brief && !best.converged()) {
            best = resume(s, best, o.threads(), o.maxIter() - best.history().length, listener, cancel);
            notes.addAll(best.events());
        }
        return outcome(s, st, best, o.seed(), System.nanoTime() - start, notes);
    }

    /**
     * Continues a finished run from its parameters for at most {@code limit} more iterations: its
     * history goes on from {@code from}'s (fitted units). A failure is thrown, not dropped.
     */
    public static <P, S extends Statistics<S>> Run<P, S> resume(Spec<P, S> spec, Run<P, S> from, int threads, int limit,
            ProgressListener listener, BooleanSupplier cancel) {
        Run<P, S> r = Restarts.run(threads, 1, (i, workers) -> run(spec,
                () -> new Begin<>(spec.family(workers), from.end().params()), from.restart(), workers, limit,
                from.history(), listener, cancel)).get(0);
        if (r.failure() != null) {
            throw r.failure();
        }
        return r;
    }

    /**
     * The outcome of a finished run: its trace and objective taken back to original units (by the
     * spec's shift), with {@code nanos} as the fit's time.
     */
    public static <P, S extends Statistics<S>> Outcome<P, S> outcome(Spec<P, S> spec, Standardizer st, Run<P, S> best,
            long seed, long nanos, List<String> notes) {
        double shift = st == null ? 0 : spec.unitsShift(best.end().statistics());
        double[] history = best.history().clone();
        for (int i = 0; i < history.length; i++) {
            history[i] -= shift;
        }
        FitTrace trace = new FitTrace(history, best.converged(), seed, best.restart(), nanos);
        return new Outcome<>(st, best, trace, best.end().objective() - shift, List.copyOf(notes));
    }

    private static boolean better(double candidate, double best, boolean maximise) {
        return maximise ? candidate > best : candidate < best;
    }

    /** One start, from what {@code begin} makes (inside the run, so that a failed start is dropped too). */
    private static <P, S extends Statistics<S>> Run<P, S> run(Spec<P, S> spec, Supplier<Begin<P, S>> begin, int restart,
            Workers workers, int limit, double[] before, ProgressListener listener, BooleanSupplier cancel) {
        try {
            Begin<P, S> b = begin.get();
            EmFamily<P, S> family = b.family();
            EmLoop.Result<P, S> r = EmLoop.run(family, b.params(), limit, workers, listener, restart, cancel);
            End<P, S> end = spec.end(family, r, workers);
            double[] history = before == null ? r.history() : concat(before, r.history());
            return new Run<>(restart, end, history, r.converged(), List.copyOf(family.events()), null);
        } catch (RuntimeException e) {
            if (!spec.dropsStart(e)) {
                throw e;
            }
            return new Run<>(restart, null, new double[0], false, List.of(), e);
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
