package dev.mixtures.gaussian;

import dev.mixtures.ProgressListener;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;

/**
 * mclust's own EM from the hierarchical start, run as part of that start, for the two models
 * whose mclust M-step can lower ln L (VVE and VEE, MATH.md §2.7): here their steps are guarded
 * so that ln L never decreases, and from the same start the guarded path can end at another,
 * sometimes worse, optimum than mclust's (iris, VVE, K = 5: −208.07 where mclust reaches −190.84).
 * So the {@link StartMethod#HC} start of these models first runs mclust's unguarded steps until
 * mclust's stopping rule (|ΔL| / (1 + |L|) ≤ 10⁻⁵, its {@code emControl()} default), as mclust's
 * {@code me} would, and the fit's own EM continues from where that ends: a fit from the
 * hierarchical start ends no lower than mclust's from the same start. Like the iterations of a
 * K-means start, these are not part of the fit's trace, whose ln L never decreases. If mclust's
 * path meets a collapsed component, the plain hierarchical start stands.
 */
final class MclustPath {
    /** mclust's {@code emControl()$tol[1]}. */
    static final double TOL = 1e-5;

    private MclustPath() {
    }

    /** Whether mclust's M-step of {@code t} differs from this project's (so the path matters). */
    static boolean differs(CovarianceType t) {
        return t.structure().mclustSteps() != t.structure();
    }

    /** mclust's EM from {@code start}, at most {@code maxIter} iterations; {@code start} itself if it fails. */
    static GaussianParams run(Dataset z, int k, CovarianceType type, double reg, int maxIter, GaussianKernel kern,
            GaussianFamily.DataScale scale, GaussianParams start, Workers workers) {
        GaussianFamily f = GaussianFamily.mclust(z, k, type, reg, TOL, kern, workers.threads(), scale);
        try {
            return EmLoop.run(f, start, maxIter, workers, ProgressListener.NONE, 0, () -> false).params();
        } catch (DegenerateComponentException e) {
            return start;
        }
    }
}
