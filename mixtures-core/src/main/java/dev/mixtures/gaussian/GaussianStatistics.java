package dev.mixtures.gaussian;

import dev.mixtures.Statistics;
import java.util.Arrays;

/**
 * Expected sufficient statistics of a Gaussian mixture over some rows (ARCHITECTURE.md): per
 * component N_k = Σ w r, s_k = Σ w r (x − c_k) and S_k = Σ w r (x − c_k)(x − c_k)ᵀ (its lower
 * triangle, packed, or its diagonal), taken about a shift c_k (the means before the M-step), so
 * that the covariance never comes from the cancelling form E[xxᵀ] − μμᵀ (MATH.md §2.3, item 3).
 * Also the weighted log-likelihood Σ w ℓ_n and the rows explained worst (for re-seeding).
 */
public final class GaussianStatistics implements Statistics<GaussianStatistics> {
    private static final long serialVersionUID = 2L;
    final int k;
    final int d;
    /** Length of one component's S: d(d+1)/2 packed lower triangle, or d for a diagonal. */
    final int sLen;
    final double[] n;
    final double[] s;
    final double[] ss;
    double logLik;
    double weight;
    /** The lowest ℓ_n seen and their rows, ascending by (ℓ, row); as many as asked for (none by default). */
    final double[] worstLog;
    final int[] worstRow;
    int worstCount;
    /**
     * Per candidate merge of a Bayesian mixture's E-step ({@link VbMoves}), the entropy a merge of
     * the pair would lose: Σ w [(r_a + r_b) ln(r_a + r_b) − r_a ln r_a − r_b ln r_b]; as many slots
     * as asked for (none by default).
     */
    final double[] mergeTerms;

    /** Statistics that keep no worst rows (nothing to re-seed). */
    GaussianStatistics(int k, int d, boolean offDiagonal) {
        this(k, d, offDiagonal, 0);
    }

    /** Statistics that keep the {@code worst} rows explained worst (k when collapsed components are re-seeded). */
    GaussianStatistics(int k, int d, boolean offDiagonal, int worst) {
        this(k, d, offDiagonal, worst, 0);
    }

    /** Statistics that also keep {@code pairs} slots of merge terms (a Bayesian mixture with moves). */
    GaussianStatistics(int k, int d, boolean offDiagonal, int worst, int pairs) {
        this.k = k;
        this.d = d;
        this.sLen = offDiagonal ? d * (d + 1) / 2 : d;
        this.n = new double[k];
        this.s = new double[k * d];
        this.ss = new double[k * sLen];
        this.worstLog = new double[worst];
        this.worstRow = new int[worst];
        this.mergeTerms = new double[pairs];
    }

    /** Σ w r per component: the components' sizes in units of row weight (a copy). */
    public double[] sizes() {
        return n.clone();
    }

    /** Σ w ln p(x) over the rows under the parameters the statistics were taken with (fitted units). */
    public double logLikelihood() {
        return logLik;
    }

    /** Σ w over the rows. */
    public double weight() {
        return weight;
    }

    /**
     * The weighted means s_k/(N_k + ε) of statistics taken about zero (the first of a start's two
     * passes; the second takes the scatter about them).
     */
    double[] meansAboutZero() {
        double[] means = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                means[c * d + i] = s[c * d + i] / (n[c] + GaussianFamily.N_EPS);
            }
        }
        return means;
    }

    @Override
    public void reset() {
        Arrays.fill(n, 0);
        Arrays.fill(s, 0);
        Arrays.fill(ss, 0);
        Arrays.fill(mergeTerms, 0);
        logLik = 0;
        weight = 0;
        worstCount = 0;
    }

    @Override
    public void merge(GaussianStatistics o) {
        for (int i = 0; i < n.length; i++) {
            n[i] += o.n[i];
        }
        for (int i = 0; i < s.length; i++) {
            s[i] += o.s[i];
        }
        for (int i = 0; i < ss.length; i++) {
            ss[i] += o.ss[i];
        }
        for (int i = 0; i < mergeTerms.length; i++) {
            mergeTerms[i] += o.mergeTerms[i];
        }
        logLik += o.logLik;
        weight += o.weight;
        for (int i = 0; i < o.worstCount; i++) {
            offerWorst(o.worstLog[i], o.worstRow[i]);
        }
    }

    /** Whether the worst rows are kept at all. */
    boolean keepsWorst() {
        return worstLog.length > 0;
    }

    /** Keeps row {@code row} if its ℓ is among the lowest kept (ties: the lower row first). */
    void offerWorst(double ll, int row) {
        int cap = worstLog.length;
        if (worstCount == cap && !before(ll, row, worstLog[cap - 1], worstRow[cap - 1])) {
            return;
        }
        int i = Math.min(worstCount, cap - 1);
        while (i > 0 && before(ll, row, worstLog[i - 1], worstRow[i - 1])) {
            worstLog[i] = worstLog[i - 1];
            worstRow[i] = worstRow[i - 1];
            i--;
        }
        worstLog[i] = ll;
        worstRow[i] = row;
        if (worstCount < cap) {
            worstCount++;
        }
    }

    private static boolean before(double l1, int r1, double l2, int r2) {
        return l1 < l2 || (l1 == l2 && r1 < r2);
    }
}
