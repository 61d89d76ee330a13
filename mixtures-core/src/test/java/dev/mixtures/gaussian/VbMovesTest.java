package dev.mixtures.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.datasets.OldFaithful;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Bayesian mixture's moves (issue 19, MATH.md §4.9): exact, monotone, and finding K in one start. */
class VbMovesTest {
    private static final List<CovarianceType> CONJUGATE = java.util.Arrays.stream(CovarianceType.values())
            .filter(CovarianceType::hasConjugatePrior).toList();
    private static final Set<Move> NONE = EnumSet.noneOf(Move.class);

    /** Four blobs in 3 dimensions, some overlapping, with row weights. */
    private static Dataset blobs(long seed) {
        Dataset b = Blobs.generate(1200, 3, 4, 3.0, seed);
        double[] w = new double[b.n()];
        SplittableRandom g = new SplittableRandom(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.25 + 1.5 * g.nextDouble();
        }
        return b.withWeights(w);
    }

    @Test
    void theBoundNeverFallsMovesIncluded() {
        int moves = 0;
        for (CovarianceType t : CONJUGATE) {
            for (WeightPrior wp : WeightPrior.values()) {
                for (long seed = 1; seed <= 2; seed++) {
                    BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(9).covariance(t).weightPrior(wp)
                            .init(StartMethod.RANDOM_FROM_DATA).seed(seed).maxIter(400).build().fit(blobs(seed));
                    double[] h = m.trace().history();
                    for (int i = 1; i < h.length; i++) {
                        assertTrue(h[i] >= h[i - 1] - 1e-12 * Math.abs(h[i - 1]),
                                t + " " + wp + " seed " + seed + ": bound fell at iteration " + (i + 1) + ": " + h[i - 1]
                                        + " → " + h[i]);
                    }
                    for (MoveEvent e : m.moves()) {
                        assertTrue(e.gain() > 0, e.describe());
                    }
                    assertEquals(m.k(), m.moves().isEmpty() ? 9 : m.moves().get(m.moves().size() - 1).inUse());
                    moves += m.moves().size();
                }
            }
        }
        assertTrue(moves >= 16, "moves made: " + moves);
    }

    /**
     * The bound recorded after an M-step that merged, deleted or reordered equals the bound of the
     * moved state computed from scratch: the responsibilities of the E-step summed by the move's
     * map, statistics taken from them over the rows, the M-step, the entropy row by row, and the
     * full form of the bound (10.70–10.77), term by term.
     */
    @Test
    void aMovePricedFromStatisticsIsTheBoundRecomputedFromTheRows() {
        int checked = 0;
        for (CovarianceType t : CONJUGATE) {
            for (WeightPrior wp : WeightPrior.values()) {
                Dataset z = blobs(3);
                BayesianGaussianMixture s = BayesianGaussianMixture.builder().k(8).covariance(t).weightPrior(wp)
                        .concentration(0.3).build();
                VbPrior prior = s.prior(z, null);
                try (Workers workers = new Workers(1)) {
                    VariationalFamily fam = new VariationalFamily(z, prior, s.moves(prior, false), 0,
                            GaussianKernels.best(), 1);
                    VariationalParams p = fam.start(
                            Starts.source(StartMethod.RANDOM_FROM_DATA, 8, z, new SplittableRandom(5), workers, null, 1),
                            workers);
                    for (int it = 1; it <= 60; it++) {
                        GaussianStatistics st = EmLoop.eStep(fam, p, z.n(), workers, new ArrayList<>(), fam.newStatistics());
                        VariationalParams q = fam.mStep(p, st, it);
                        double recorded = fam.objective(p, q, st);
                        int[] map = q.moves.map();
                        boolean identity = q.k == p.k;
                        for (int c = 0; c < p.k && identity; c++) {
                            identity = map[c] == c;
                        }
                        if (!identity) {
                            String what = t + " " + wp + " iteration " + it;
                            assertEquals(fromRows(p, map, q.k, z, prior, workers, q), recorded,
                                    1e-9 * Math.abs(recorded), what);
                            checked++;
                        }
                        p = q;
                    }
                }
            }
        }
        assertTrue(checked >= 8, "moves checked: " + checked);
    }

    /** The full bound of the state where the responsibilities of p's E-step are summed by {@code map}. */
    private static double fromRows(VariationalParams p, int[] map, int k, Dataset z, VbPrior prior, Workers workers,
            VariationalParams expected) {
        double[] r = new double[z.n() * p.k];
        GaussianPass.overRows(p.estep, z, null, r, null);
        double[][] moved = new double[z.n()][k];
        double entropy = 0;
        for (int i = 0; i < z.n(); i++) {
            for (int c = 0; c < p.k; c++) {
                moved[i][map[c]] += r[i * p.k + c];
            }
            for (int c = 0; c < k; c++) {
                double v = moved[i][c];
                entropy -= v > 0 ? z.weight(i) * v * Math.log(v) : 0;
            }
        }
        GaussianPass.Source source = (row, out, stride, at) -> {
            for (int c = 0; c < k; c++) {
                out[at + c * stride] = moved[row][c];
            }
        };
        boolean off = p.type.hasOffDiagonal();
        GaussianKernel kern = GaussianKernels.best();
        GaussianPass.Scratch[] scratch = {new GaussianPass.Scratch(prior.k, z.d(), off)};
        GaussianStatistics s1 = GaussianPass.fromSource(kern, off, source, new double[k * z.d()], z, workers, scratch,
                () -> new GaussianStatistics(prior.k, z.d(), off));
        double[] means = java.util.Arrays.copyOf(s1.meansAboutZero(), k * z.d());
        GaussianStatistics s2 = GaussianPass.fromSource(kern, off, source, means, z, workers, scratch,
                () -> new GaussianStatistics(prior.k, z.d(), off));
        VariationalParams q = prior.mStep(s2, means);
        for (int c = 0; c < k * z.d(); c++) {
            assertEquals(q.means[c], expected.means[c], 1e-9 * (1 + Math.abs(q.means[c])), "posterior mean " + c);
        }
        return VariationalFamily.fullBound(q, s2, means, entropy);
    }

    /**
     * An idle component (moves took it out) is a component of the K with no rows and its prior:
     * the bound of k in use with K − k idle equals the full bound (10.70–10.77) of all K, the
     * empty ones' posteriors made by the M-step from zero statistics.
     */
    @Test
    void idleComponentsAreComponentsAtTheirPrior() {
        Dataset z = blobs(6);
        int d = z.d();
        for (CovarianceType t : CONJUGATE) {
            for (WeightPrior wp : WeightPrior.values()) {
                VbPrior prior = BayesianGaussianMixture.builder().k(6).covariance(t).weightPrior(wp).concentration(0.4)
                        .build().prior(z, null);
                boolean off = t.hasOffDiagonal();
                double[] all = new double[2];
                for (int k : new int[] {6, 4}) {
                    // Rows spread over the first four components; components 5 and 6 get none.
                    GaussianPass.Source source = (row, out, stride, at) -> {
                        for (int c = 0; c < k; c++) {
                            out[at + c * stride] = c < 4 ? ((row + c) % 4 == 0 ? 0.7 : 0.1) : 0;
                        }
                    };
                    try (Workers workers = new Workers(1)) {
                        GaussianPass.Scratch[] scratch = {new GaussianPass.Scratch(6, d, off)};
                        GaussianStatistics s1 = GaussianPass.fromSource(GaussianKernels.best(), off, source,
                                new double[k * d], z, workers, scratch, () -> new GaussianStatistics(6, d, off));
                        double[] means = java.util.Arrays.copyOf(s1.meansAboutZero(), k * d);
                        GaussianStatistics s2 = GaussianPass.fromSource(GaussianKernels.best(), off, source, means, z,
                                workers, scratch, () -> new GaussianStatistics(6, d, off));
                        VariationalParams q = prior.mStep(s2, means);
                        assertEquals(6 - k, q.idle);
                        double h = 0;
                        for (int i = 0; i < z.n(); i++) {
                            for (int c = 0; c < 4; c++) {
                                double v = (i + c) % 4 == 0 ? 0.7 : 0.1;
                                h -= z.weight(i) * v * Math.log(v);
                            }
                        }
                        all[k == 6 ? 0 : 1] = VariationalFamily.fullBound(q, s2, means, h);
                        assertEquals(all[k == 6 ? 0 : 1], VariationalFamily.shortBound(q, s2.weight, h),
                                1e-10 * Math.abs(all[0]), t + " " + wp + " k " + k + ": short vs full");
                    }
                }
                assertEquals(all[0], all[1], 1e-9 * Math.abs(all[0]), t + " " + wp + ": K = 6 with two empty vs 4 in use");
            }
        }
    }

    /**
     * The case: the Dirichlet process on Old Faithful with K = 6 and scikit-learn's default
     * priors. Without moves one start ends far below the best of thirty; with them one start gets there.
     */
    @Test
    void oneStartReachesTheBestOfThirtyOnOldFaithful() {
        Dataset data = OldFaithful.load();
        BayesianGaussianMixtureBuilder b = BayesianGaussianMixture.builder().k(6)
                .weightPrior(WeightPrior.DIRICHLET_PROCESS);
        double thirty = b.moves(NONE).nInit(30).build().fit(data).lowerBound();
        double plain = b.moves(NONE).nInit(1).build().fit(data).lowerBound();
        BayesianGaussianMixtureModel one = b.moves(EnumSet.allOf(Move.class)).nInit(1).build().fit(data);
        assertTrue(plain < thirty - 10, "one plain start: " + plain + ", thirty: " + thirty);
        assertTrue(one.lowerBound() >= thirty - 1e-3, "one start with moves: " + one.lowerBound() + ", thirty: " + thirty);
        assertEquals(2, one.effectiveComponents());
        // Ordered: the larger of the two (175 long eruptions) first.
        assertTrue(one.sizes()[0] > one.sizes()[1], java.util.Arrays.toString(one.sizes()));
        assertTrue(one.reorders() > 0);
    }

    /** PRML Fig. 10.6 with the moves too: α0 = 1e-3 keeps 2 components, α0 = 10 all 6 (the moves wait for the ascent to slow). */
    @Test
    void figure10_6HoldsWithTheMoves() {
        Dataset z = OldFaithful.load();
        BayesianGaussianMixtureBuilder b = BayesianGaussianMixture.builder().k(6).standardize(true);
        BayesianGaussianMixtureModel few = b.concentration(1e-3).build().fit(z);
        assertEquals(2, few.k());
        assertEquals(2, few.effectiveComponents());
        BayesianGaussianMixtureModel all = b.concentration(10).build().fit(z);
        assertEquals(6, all.effectiveComponents());
        double plain = b.concentration(10).moves(NONE).build().fit(z).lowerBound();
        assertTrue(all.lowerBound() >= plain - 1e-6 * Math.abs(plain), all.lowerBound() + " vs " + plain);
    }

    /**
     * Mixtures of 5 to 8 blobs (unit SD, centres at least 6 apart) in 2 to 6 dimensions with K = 2·true, both weight priors, full and
     * diagonal: one start with default settings finds the true number in at least 95 % of 20 seeded
     * cases (the benchmark script mixtures-bench/scripts/vb-moves.sh runs the larger 40).
     */
    @Test
    void smallBlobsGiveTheirNumberOfComponents() {
        int right = 0;
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SplittableRandom g = new SplittableRandom(100 + i);
            int blobs = 5 + g.nextInt(4);
            int d = 2 + g.nextInt(5);
            Dataset data = Blobs.separated(300 * blobs, d, blobs, 6.0, 100 + i);
            BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(2 * blobs)
                    .weightPrior(i % 2 == 0 ? WeightPrior.DIRICHLET : WeightPrior.DIRICHLET_PROCESS)
                    .covariance(i % 4 < 2 ? CovarianceType.FULL : CovarianceType.DIAG).seed(i).build().fit(data);
            if (m.effectiveComponents() == blobs && m.converged()) {
                right++;
            } else {
                wrong.add("case " + i + ": " + blobs + " blobs in " + d + " dimensions, " + m.effectiveComponents()
                        + " effective, converged " + m.converged());
            }
        }
        assertTrue(right >= 19, right + " of 20 right; " + wrong);
    }

    /**
     * With missing cells a merged component's statistics are not the sums (its completed cells
     * differ by component): the moves are ordered sticks only, and the bound still never falls.
     */
    @Test
    void withMissingCellsOnlyTheSticksAreOrdered() {
        Dataset full = blobs(7);
        double[] x = full.valuesView().clone();
        SplittableRandom g = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            if (g.nextDouble() < 0.1 && i % full.d() != 0) {
                x[i] = Double.NaN;
            }
        }
        Dataset z = Dataset.ofBlocks(List.of(x), new int[] {full.n()}, full.d(), full.columnNames(), null, true);
        for (WeightPrior wp : WeightPrior.values()) {
            BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(8).weightPrior(wp).maxIter(300).build()
                    .fit(z);
            assertEquals(8, m.k(), wp.label());
            assertTrue(m.moves().isEmpty(), wp.label());
            double[] h = m.trace().history();
            for (int i = 1; i < h.length; i++) {
                assertTrue(h[i] >= h[i - 1] - 1e-12 * Math.abs(h[i - 1]), wp + ": bound fell at " + (i + 1));
            }
            if (wp == WeightPrior.DIRICHLET_PROCESS) {
                assertTrue(m.reorders() > 0, "the sticks were ordered");
            }
        }
    }

    @Test
    void movesNoneIsThePlainAscentAndTheDefaultIsAll() {
        assertEquals(EnumSet.allOf(Move.class), BayesianGaussianMixture.builder().build().moves());
        Dataset z = blobs(4);
        BayesianGaussianMixtureModel plain = BayesianGaussianMixture.builder().k(8).moves(NONE).build().fit(z);
        assertEquals(8, plain.k());
        assertTrue(plain.moves().isEmpty());
        assertEquals(0, plain.reorders());
        // A warm start from a model the moves left with fewer components: K stays the model's, the rest idle.
        BayesianGaussianMixtureModel moved = BayesianGaussianMixture.builder().k(8).build().fit(z);
        assertTrue(moved.k() < 8, "in use: " + moved.k());
        BayesianGaussianMixtureModel again = BayesianGaussianMixture.builder().warmStart(moved).build().fit(z);
        assertEquals(8, again.settings().k());
        assertTrue(again.lowerBound() >= moved.lowerBound() - 1e-9 * Math.abs(moved.lowerBound()));
        dev.mixtures.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(dev.mixtures.BadInputException.class,
                () -> BayesianGaussianMixture.builder().warmStart(moved).k(1).build().fit(z));
        assertTrue(e.getMessage().contains("more than k = 1"), e.getMessage());
        assertEquals(NONE, Move.parseSet("none"));
        assertEquals(EnumSet.of(Move.MERGE, Move.ORDER), Move.parseSet("merge, order"));
        assertEquals("order,delete", Move.labels(EnumSet.of(Move.DELETE, Move.ORDER)));
    }
}
