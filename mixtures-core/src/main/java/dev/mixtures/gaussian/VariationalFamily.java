package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmFamily;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.Special;

/**
 * The Bayesian mixture as a family on the shared EM loop (MATH.md §4): the variational E-step is
 * the Gaussian pass with the constants of (10.46) and the quadratic form of E[Λ_k], the M-step is
 * {@link VbPrior#mStep}, and the objective is the lower bound evaluated right after the M-step
 * with the responsibilities that produced it (§4.3), in its short form (§4.5). The full form
 * (10.70–10.77) is here too, for the tests that hold the two equal.
 *
 * <p>The entropy −Σ r ln r needs no extra work per row: ln r_nk = a_nk − ℓ_n with a_nk the
 * E-step's log-terms, so Σ_n r_nk a_nk = N_k·const_k − ½ Tr(E[Λ_k] Σ_n r_nk (x_n − m_k)(x_n − m_k)ᵀ),
 * and the statistics already hold that scatter (they are taken about the E-step's means).
 */
final class VariationalFamily implements EmFamily<VariationalParams, GaussianStatistics> {
    private final Dataset data;
    private final GaussianPass.Rows rows;
    private final VbPrior prior;
    private final int k;
    private final int d;
    private final boolean off;
    private final double tol;
    private final GaussianKernel kern;
    private final GaussianPass.Scratch[] scratch;
    private final VbMoves moves;

    VariationalFamily(Dataset data, VbPrior prior, VbMoves moves, double tol, GaussianKernel kern, int threads) {
        this.data = data;
        this.rows = GaussianPass.Rows.of(data);
        this.prior = prior;
        this.moves = moves;
        this.k = prior.k;
        this.d = prior.d;
        this.off = prior.type.hasOffDiagonal();
        this.tol = tol;
        this.kern = kern;
        this.scratch = new GaussianPass.Scratch[threads];
        for (int t = 0; t < threads; t++) {
            scratch[t] = new GaussianPass.Scratch(k, d, off);
        }
    }

    @Override
    public GaussianStatistics newStatistics() {
        return new GaussianStatistics(k, d, off, 0, moves.pairSlots());
    }

    @Override
    public int[][] chunks(int rows) {
        return data.chunks(EmLoop.CHUNK_ROWS);
    }

    @Override
    public int rows(int iteration) {
        return data.n();
    }

    @Override
    public void prepare(int iteration, VariationalParams params) {
        AdaptiveGaussianKernel.beforeIteration(kern);
    }

    @Override
    public void eStep(VariationalParams p, int from, int to, GaussianStatistics stats, int worker) {
        GaussianPass.run(GaussianPass.Pass.of(kern, p.estep, p.moves.candidates()), rows, from, to, stats,
                GaussianPass.Outputs.NONE, scratch[worker]);
    }

    /** The posterior after the first M-step, from starting responsibilities (two passes: means, then scatter). */
    VariationalParams start(GaussianPass.Source source, Workers workers) {
        return start(source, k, workers);
    }

    /**
     * The same from responsibilities of {@code components} ≤ K components (a warm start from a model
     * whose moves left fewer): the others are idle from the start.
     */
    VariationalParams start(GaussianPass.Source source, int components, Workers workers) {
        GaussianStatistics s1 = GaussianPass.fromSource(kern, off, source, new double[components * d], data, workers,
                scratch, this::newStatistics);
        double[] means = java.util.Arrays.copyOf(s1.meansAboutZero(), components * d);
        GaussianStatistics s2 = GaussianPass.fromSource(kern, off, source, means, data, workers, scratch,
                this::newStatistics);
        return moves.start(s2, means);
    }

    @Override
    public VariationalParams mStep(VariationalParams p, GaussianStatistics total, int iteration) {
        try {
            return moves.step(p, total);
        } catch (DegenerateComponentException e) {
            throw new DegenerateComponentException(e.component(), iteration, e.what(), VbPrior.ADVICE);
        }
    }

    @Override
    public double objective(VariationalParams before, VariationalParams after, GaussianStatistics total) {
        return bound(before, after, total);
    }

    /**
     * The bound right after the M-step that made {@code after} from the statistics {@code total} of
     * the E-step run with {@code before}: the short form, with the entropy less what the moves'
     * merges took from it.
     */
    static double bound(VariationalParams before, VariationalParams after, GaussianStatistics total) {
        return shortBound(after, total.weight, entropy(before, total) - after.moves.entropyLoss());
    }

    /** A run may stop only when the last M-step made no merge or delete and leaves no merge to price. */
    @Override
    public boolean mayStop(VariationalParams next) {
        return VbMoves.settled(next);
    }

    @Override
    public boolean converged(double previous, double current, GaussianStatistics total, int iteration) {
        return EmFamily.settled(previous, current, tol, total.weight);
    }

    /**
     * −Σ_n w_n Σ_k r_nk ln r_nk of the responsibilities the E-step with {@code p} produced, from
     * that E-step's statistics (taken about p's means).
     */
    static double entropy(VariationalParams p, GaussianStatistics st) {
        int k = p.k;
        int d = p.d;
        GaussianParams e = p.estep;
        double ra = 0;
        for (int c = 0; c < k; c++) {
            double quad = 0;
            int po = e.precOffset(c);
            if (p.type.hasOffDiagonal()) {
                // E[Λ] = P Pᵀ with P = L⁻ᵀ upper triangular; ss holds the packed lower triangle.
                int q = 0;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j <= i; j++, q++) {
                        double lam = 0;
                        for (int m = i; m < d; m++) {
                            lam += e.prec[po + i * d + m] * e.prec[po + j * d + m];
                        }
                        quad += (i == j ? 1 : 2) * lam * st.ss[c * st.sLen + q];
                    }
                }
            } else {
                for (int i = 0; i < d; i++) {
                    double pi = e.prec[po + i];
                    quad += pi * pi * st.ss[c * st.sLen + i];
                }
            }
            ra += st.n[c] * e.cst[c] - 0.5 * quad;
        }
        return st.logLik - ra;
    }

    /** ln B(a, b) of the Beta function. */
    static double logBeta(double a, double b) {
        return Special.lnGamma(a) + Special.lnGamma(b) - Special.lnGamma(a + b);
    }

    /** Σ over distinct precision blocks of ln B(W0, ν0) − ln B(W_k, ν_k) (K of them, or one when tied). */
    private static double wishartTerms(VariationalParams q) {
        VbPrior pr = q.prior;
        double lnB0 = q.logWishartNorm(pr.blockDof0(), pr.lnDetW0inv);
        if (pr.structure.shared()) {
            return lnB0 - q.lnB[0];
        }
        double s = 0;
        for (int c = 0; c < q.k; c++) {
            s += lnB0 - q.lnB[c];
        }
        return s;
    }

    /** The short form of the bound (MATH.md §4.5 and §4.8), valid right after an M-step. */
    static double shortBound(VariationalParams q, double totalWeight, double entropy) {
        VbPrior pr = q.prior;
        int k = q.k;
        int d = q.d;
        double l;
        if (q.conc2 == null) {
            l = pr.logWeightNorm0(q.k) - q.logDirichletNorm();
        } else {
            l = pr.logWeightNorm0(q.k);
            for (int c = 0; c < k; c++) {
                l += logBeta(q.conc1[c], q.conc2[c]);
            }
        }
        l += wishartTerms(q);
        for (int c = 0; c < k; c++) {
            l += 0.5 * d * Math.log(pr.beta0 / q.beta[c]);
        }
        return l - 0.5 * totalWeight * d * GaussianParams.LN_2PI + entropy;
    }

    /**
     * The full form of the bound, term by term (PRML 10.70–10.77, MATH.md §4.4), for statistics
     * {@code st} taken about {@code shift} and the posterior {@code q} that the M-step made from them.
     */
    static double fullBound(VariationalParams q, GaussianStatistics st, double[] shift, double entropy) {
        VbPrior pr = q.prior;
        int k = q.k;
        int d = q.d;
        int sLen = st.sLen;
        boolean off = q.type.hasOffDiagonal();
        double ln2pi = GaussianParams.LN_2PI;
        double pX = 0;
        double pZ = 0;
        double pMu = 0;
        double qMu = 0;
        for (int c = 0; c < k; c++) {
            double nk = st.n[c] + GaussianFamily.N_EPS;
            double[] lam = q.expectedPrecision(c);
            double[] dx = new double[d];
            double[] dm = new double[d];
            double[] delta = new double[d];
            for (int i = 0; i < d; i++) {
                delta[i] = st.s[c * d + i] / nk;
                double xbar = shift[c * d + i] + delta[i];
                dx[i] = xbar - q.means[c * d + i];
                dm[i] = q.means[c * d + i] - pr.m0[i];
            }
            // Tr(N_k S_k E[Λ]) with N_k S_k = scatter about the shift − N_k δ δᵀ.
            double trNS = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double scatter;
                    if (off) {
                        int a = Math.max(i, j);
                        int b = Math.min(i, j);
                        scatter = st.ss[c * sLen + a * (a + 1) / 2 + b];
                    } else {
                        scatter = i == j ? st.ss[c * sLen + i] : 0;
                    }
                    if (!off && i != j) {
                        continue;
                    }
                    trNS += lam[i * d + j] * (scatter - nk * delta[i] * delta[j]);
                }
            }
            double qx = quadratic(lam, dx, d);
            double qm = quadratic(lam, dm, d);
            pX += 0.5 * (nk * (q.elnDet[c] - d / q.beta[c] - qx - d * ln2pi) - trNS);
            pZ += st.n[c] * q.elnPi[c];
            pMu += 0.5 * (d * Math.log(pr.beta0 / (2 * Math.PI)) + q.elnDet[c] - d * pr.beta0 / q.beta[c]
                    - pr.beta0 * qm);
            qMu += 0.5 * q.elnDet[c] + 0.5 * d * Math.log(q.beta[c] / (2 * Math.PI)) - 0.5 * d;
        }
        // The precision blocks: prior expectation and entropy, once per distinct block set.
        int dim = q.blockDim();
        int blocks = q.blocks();
        double v0 = pr.blockDof0();
        double lnB0 = q.logWishartNorm(v0, pr.lnDetW0inv);
        double pLam = 0;
        double hLam = 0;
        for (int c = 0; c < (pr.structure.shared() ? 1 : k); c++) {
            double v = q.blockDof(q.nu[c]);
            double eb = q.elnDet[c] / pr.structure.replicas(d);
            pLam += lnB0 + 0.5 * (v0 - dim - 1) * eb - 0.5 * v * q.traceW0invW(c);
            hLam += -q.lnB[c] - 0.5 * (v - dim - 1) * eb + 0.5 * v * dim * blocks;
        }
        double pPi;
        double qPi;
        if (q.conc2 == null) {
            double s = 0;
            qPi = q.logDirichletNorm();
            for (int c = 0; c < k; c++) {
                s += q.elnPi[c];
                qPi += (q.conc1[c] - 1) * q.elnPi[c];
            }
            pPi = pr.logWeightNorm0(q.k) + (pr.concentration - 1) * s;
        } else {
            pPi = 0;
            qPi = 0;
            for (int c = 0; c < k; c++) {
                double a = q.conc1[c];
                double b = q.conc2[c];
                double psab = Special.digamma(a + b);
                double lnV = Special.digamma(a) - psab;
                double ln1mV = Special.digamma(b) - psab;
                pPi += Math.log(pr.concentration) + (pr.concentration - 1) * ln1mV;
                qPi += -logBeta(a, b) + (a - 1) * lnV + (b - 1) * ln1mV;
            }
        }
        return pX + pZ + pPi + pMu + pLam + entropy - qPi - (qMu - hLam);
    }

    private static double quadratic(double[] m, double[] v, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s += v[i] * m[i * d + j] * v[j];
            }
        }
        return s;
    }
}
