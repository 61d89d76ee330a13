package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.Move;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.io.NpyFiles;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Issue 19's benchmark of choosing K (mixtures-bench/scripts/vb-moves.sh): for each case file
 * (vbcase-I-B-D.npy: case I, B blobs in D dimensions) one start of the Bayesian mixture with K = 2B,
 * the weight prior and structure alternating by case, with the moves and without; prints one line
 * per fit (effective components, converged, iterations, seconds) and the counts right.
 */
public final class VbMovesCases {
    private VbMovesCases() {
    }

    public static void main(String[] args) {
        int right = 0;
        int rightPlain = 0;
        int cases = 0;
        Set<Move> none = EnumSet.noneOf(Move.class);
        System.out.println("case blobs d rows prior cov | moves: eff conv iters s | none: eff conv iters s");
        for (String a : args) {
            Path f = Path.of(a);
            String[] p = f.getFileName().toString().replace(".npy", "").split("-");
            int i = Integer.parseInt(p[1]);
            int blobs = Integer.parseInt(p[2]);
            Dataset data = NpyFiles.read(f);
            WeightPrior wp = i % 2 == 0 ? WeightPrior.DIRICHLET : WeightPrior.DIRICHLET_PROCESS;
            CovarianceType t = i % 4 < 2 ? CovarianceType.FULL : CovarianceType.DIAG;
            BayesianGaussianMixture s = BayesianGaussianMixture.builder().k(2 * blobs).weightPrior(wp).covariance(t)
                    .seed(i).build();
            long t0 = System.nanoTime();
            BayesianGaussianMixtureModel m = s.fit(data);
            long t1 = System.nanoTime();
            BayesianGaussianMixtureModel plain = s.toBuilder().moves(none).build().fit(data);
            long t2 = System.nanoTime();
            boolean ok = m.effectiveComponents() == blobs && m.converged();
            boolean okPlain = plain.effectiveComponents() == blobs && plain.converged();
            right += ok ? 1 : 0;
            rightPlain += okPlain ? 1 : 0;
            cases++;
            System.out.printf(Locale.ROOT, "%4d %5d %2d %6d %-17s %-4s | %3d %-5s %4d %6.2f%s | %3d %-5s %4d %6.2f%s%n", i, blobs,
                    data.d(), data.n(), wp.label(), t.label(), m.effectiveComponents(), m.converged(),
                    m.trace().iterations(), (t1 - t0) / 1e9, ok ? "" : " ✗", plain.effectiveComponents(),
                    plain.converged(), plain.trace().iterations(), (t2 - t1) / 1e9, okPlain ? "" : " ✗");
        }
        System.out.printf(Locale.ROOT, "right (effective = blobs, converged): with moves %d of %d, without %d of %d%n",
                right, cases, rightPlain, cases);
    }
}
