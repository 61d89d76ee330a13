package dev.mixtures.gaussian;

import dev.mixtures.linalg.Special;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The Bayesian mixture's moves (docs/MATH.md §4.9), made inside its M-step so that a fit, a fit by
 * blocks ({@link VariationalSteps}) and Spark make the same ones bit for bit: ordered sticks under
 * the Dirichlet process, and merges and deletes priced exactly from the statistics, as in the
 * memoized variational inference of Hughes and Sudderth (2013, "Memoized online variational
 * inference for Dirichlet process mixture models", NIPS).
 *
 * <p>A merge of a and b gives every row r_a + r_b on one component: its statistics are the sums
 * (re-centred), so the posterior and all of the bound but the entropy follow from the statistics;
 * the entropy loses Σ w [s ln s − r_a ln r_a − r_b ln r_b], which the E-step gathers for the
 * candidate pairs named in the posterior it runs with ({@link GaussianPass#mergeTerms}). The merged
 * state is a point of the same variational family (a component taken out keeps responsibilities 0,
 * its posterior the prior: "idle"), so its bound is a bound on the same evidence, and the move is
 * kept only when that bound is higher. A delete is such a merge of a component the data do not
 * need into the partner that prices best. The next E-step can only raise the bound again.
 *
 * <p>Candidates for the next E-step are chosen in this M-step by a screen that needs no pass: the
 * bound of the merged state without its entropy term is an upper bound on the merged bound
 * (merging never adds entropy), less the entropy the pair lost when last priced. bnpy ranks pairs
 * by the correlation of their responsibilities instead; the screen never leaves out a pair whose
 * merge could pay, and costs no work per row. Each candidate costs the E-step a logarithm per row;
 * at most K are gathered.
 */
final class VbMoves {
    /**
     * What a posterior carries about the moves: the iteration that made it (0 for a start), the
     * pairs (a, b, a, b, …) whose merge terms the next E-step gathers, the entropy lost by the
     * merges that made it, the last measured merge term of each pair (k×k, NaN when not known),
     * whether it made a merge or delete, how often the sticks were reordered, every merge and
     * delete of the run so far, the bound it was made with (NaN for a start), and where each
     * component of the statistics it was made from went (its index in this posterior).
     */
    record State(int step, int[] candidates, double[] cost, double entropyLoss, boolean moved, int reorders,
            List<MoveEvent> history, double bound, int[] map) implements java.io.Serializable {
        static final State NONE = new State(0, new int[0], null, 0, false, 0, List.of(), Double.NaN, new int[0]);
    }

    /** A state the moves consider: where each old component went, the posterior, its bound less the entropy lost. */
    private record Trial(int[] target, int kNew, GaussianStatistics st, double[] shift, VariationalParams q,
            double value, boolean reordered) {
    }

    /** The change of the bound per unit of weight below which the ascent counts as slow enough to merge. */
    static final double SLOW = 1e-2;

    private final VbPrior prior;
    private final int d;
    private final boolean order;
    private final boolean merge;
    private final boolean delete;

    /** The moves of {@code moves} that apply: no merges or deletes over rows with missing cells (see MATH.md §4.9). */
    VbMoves(VbPrior prior, Set<Move> moves, boolean missingCells) {
        this.prior = prior;
        this.d = prior.d;
        this.order = moves.contains(Move.ORDER) && prior.weightPrior == WeightPrior.DIRICHLET_PROCESS;
        this.merge = moves.contains(Move.MERGE) && !missingCells;
        this.delete = moves.contains(Move.DELETE) && !missingCells;
    }

    /** Whether a run may stop at {@code p}: its M-step made no merge or delete, and it names no pair to price. */
    static boolean settled(VariationalParams p) {
        return !p.moves.moved() && p.moves.candidates().length == 0;
    }

    /**
     * The tolerance of a K-means start: with merges or deletes the start only seeds what they
     * refine, so its K-means stops when J changes by less than 1e-4 relative (at 100,000 × 10,
     * k = 10: 7 Lloyd iterations instead of 77); NaN (K-means' own 1e-6) without them, so that
     * {@code --moves none} starts as before.
     */
    double startTolerance() {
        return merge || delete ? 1e-4 : Double.NaN;
    }

    /** Slots for merge terms the statistics need: K with merges or deletes, else 0. */
    int pairSlots() {
        return merge || delete ? prior.k : 0;
    }

    /** Whether any move applies. */
    private boolean any() {
        return order || merge || delete;
    }

    /** The first posterior, from the statistics of starting responsibilities taken about {@code shift}. */
    VariationalParams start(GaussianStatistics st, double[] shift) {
        if (!any()) {
            return prior.mStep(st, shift);
        }
        int k = shift.length / d;
        Trial t = evaluate(st, shift, k, identity(k), 0);
        double[] cost = new double[t.kNew * t.kNew];
        Arrays.fill(cost, Double.NaN);
        return t.q.withMoves(new State(0, screen(t, cost, false), cost, 0, false, t.reordered ? 1 : 0, List.of(),
                Double.NaN, t.target));
    }

    /** The M-step with moves: {@code st} are the statistics of the E-step run with {@code before}. */
    VariationalParams step(VariationalParams before, GaussianStatistics st) {
        if (!any()) {
            return prior.mStep(st, before.means);
        }
        State ms = before.moves;
        int k = before.k;
        double[] shift = before.means;
        int iteration = ms.step + 1;
        Trial best = evaluate(st, shift, k, identity(k), 0);
        int pairs = ms.candidates.length / 2;
        List<MoveEvent> events = new ArrayList<>(ms.history);
        boolean[] merged = new boolean[k];
        double loss = 0;
        if (pairs > 0) {
            double base = best.value;
            double[] gain = new double[pairs];
            Integer[] rank = new Integer[pairs];
            for (int i = 0; i < pairs; i++) {
                int[] into = identity(k);
                into[removed(ms.candidates, i, st)] = kept(ms.candidates, i, st);
                gain[i] = evaluate(st, shift, k, into, st.mergeTerms[i]).value - base;
                rank[i] = i;
            }
            Arrays.sort(rank, (x, y) -> gain[x] != gain[y] ? Double.compare(gain[y], gain[x]) : Integer.compare(x, y));
            int[] into = identity(k);
            int inUse = k;
            for (int i : rank) {
                int a = kept(ms.candidates, i, st);
                int b = removed(ms.candidates, i, st);
                if (!(gain[i] > margin(best.value)) || merged[a] || merged[b]) {
                    continue;
                }
                into[b] = a;
                Trial t = evaluate(st, shift, k, into, loss + st.mergeTerms[i]);
                if (t.value > best.value + margin(best.value)) {
                    merged[a] = true;
                    merged[b] = true;
                    loss += st.mergeTerms[i];
                    inUse--;
                    events.add(new MoveEvent(iteration, small(st.n[b], st.weight) ? Move.DELETE : Move.MERGE, st.n[a],
                            st.n[b], t.value - best.value, inUse));
                    best = t;
                } else {
                    into[b] = b;
                }
            }
        }
        double[] cost = carryCost(ms, k, best, merged, st);
        boolean moved = events.size() > ms.history.size();
        double bound = best.value + VariationalFamily.entropy(before, st);
        // Merges wait until the coordinate ascent slows (MATH.md §4.9): made early, from a start
        // still far from any optimum, a merge that pays then can lead to a worse optimum.
        boolean slow = moved || Math.abs(bound - ms.bound) < SLOW * st.weight;
        State next = new State(iteration, screen(best, cost, slow), cost, loss, moved,
                ms.reorders + (best.reordered ? 1 : 0), List.copyOf(events), bound, best.target);
        return best.q.withMoves(next);
    }

    /** The component of candidate pair i that stays: the larger (ties: the first). */
    private static int kept(int[] cand, int i, GaussianStatistics st) {
        int a = cand[2 * i];
        int b = cand[2 * i + 1];
        return st.n[b] > st.n[a] ? b : a;
    }

    private static int removed(int[] cand, int i, GaussianStatistics st) {
        int a = cand[2 * i];
        int b = cand[2 * i + 1];
        return st.n[b] > st.n[a] ? a : b;
    }

    /** A component the data do not need: expected size below one row or below 0.001 of the weight. */
    private static boolean small(double n, double weight) {
        return n < 1 || n < 1e-3 * weight;
    }

    /** Rounding room of a bound of this size: a move must gain more to count. */
    private static double margin(double bound) {
        return 1e-10 * (1 + Math.abs(bound));
    }

    private static int[] identity(int k) {
        int[] a = new int[k];
        for (int c = 0; c < k; c++) {
            a[c] = c;
        }
        return a;
    }

    /**
     * The state where each old component c goes with {@code into[c]} (itself, or the component it
     * merges into, which goes with itself), in decreasing order of size when {@link Move#ORDER}
     * applies and that raises the bound; its posterior, and its bound without the entropy less
     * {@code loss}.
     */
    private Trial evaluate(GaussianStatistics st, double[] shift, int k, int[] into, double loss) {
        int[] group = new int[k];
        int kNew = 0;
        for (int c = 0; c < k; c++) {
            if (into[c] == c) {
                group[c] = kNew++;
            }
        }
        double[] n = new double[kNew];
        int[] target = new int[k];
        for (int c = 0; c < k; c++) {
            target[c] = group[into[c]];
            n[target[c]] += st.n[c];
        }
        boolean reordered = false;
        if (order) {
            int[] perm = sortedBySize(n);
            if (stickTerm(n, perm) > stickTerm(n, identity(kNew)) + margin(0)) {
                int[] pos = new int[kNew];
                for (int j = 0; j < kNew; j++) {
                    pos[perm[j]] = j;
                }
                for (int c = 0; c < k; c++) {
                    target[c] = pos[target[c]];
                }
                reordered = true;
            }
        }
        GaussianStatistics s = st;
        double[] sh = shift;
        if (kNew != k || reordered) {
            sh = new double[kNew * d];
            s = regroup(st, shift, k, target, kNew, sh);
        }
        VariationalParams q = prior.mStep(s, sh);
        return new Trial(target, kNew, s, sh, q, VariationalFamily.shortBound(q, st.weight, 0) - loss, reordered);
    }

    /** Indices 0..k−1 by decreasing size, ties in index order. */
    private static int[] sortedBySize(double[] n) {
        Integer[] idx = new Integer[n.length];
        for (int i = 0; i < n.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> n[x] != n[y] ? Double.compare(n[y], n[x]) : Integer.compare(x, y));
        int[] p = new int[n.length];
        for (int i = 0; i < n.length; i++) {
            p[i] = idx[i];
        }
        return p;
    }

    /**
     * The part of the Dirichlet process's bound that depends on the order, Σ ln B(a_k, b_k), for
     * sizes {@code n} taken in the order {@code perm} (as the M-step makes the sticks).
     */
    private double stickTerm(double[] n, int[] perm) {
        double after = 0;
        double s = 0;
        for (int j = perm.length - 1; j >= 0; j--) {
            double nk = n[perm[j]] + GaussianFamily.N_EPS;
            s += VariationalFamily.logBeta(1 + nk, prior.concentration + after);
            after += nk;
        }
        return s;
    }

    /**
     * Statistics of kNew components, old component c added into target[c] (−1: left out), each new
     * one taken about the shift of its largest member (ties: the first), which goes to
     * {@code newShift}: N adds, s gains N_b δ and S gains s_b δᵀ + δ s_bᵀ + N_b δ δᵀ for δ the
     * member's shift less the new one.
     */
    private GaussianStatistics regroup(GaussianStatistics st, double[] shift, int k, int[] target, int kNew,
            double[] newShift) {
        int[] anchor = new int[kNew];
        Arrays.fill(anchor, -1);
        for (int c = 0; c < k; c++) {
            int j = target[c];
            if (j >= 0 && (anchor[j] < 0 || st.n[c] > st.n[anchor[j]])) {
                anchor[j] = c;
            }
        }
        boolean off = st.sLen != d;
        GaussianStatistics out = new GaussianStatistics(Math.max(kNew, 1), d, off);
        out.weight = st.weight;
        out.logLik = st.logLik;
        int sLen = st.sLen;
        double[] delta = new double[d];
        for (int j = 0; j < kNew; j++) {
            System.arraycopy(shift, anchor[j] * d, newShift, j * d, d);
        }
        for (int c = 0; c < k; c++) {
            int j = target[c];
            if (j < 0) {
                continue;
            }
            boolean moved = false;
            for (int i = 0; i < d; i++) {
                delta[i] = shift[c * d + i] - newShift[j * d + i];
                moved |= delta[i] != 0;
            }
            double nc = st.n[c];
            out.n[j] += nc;
            for (int i = 0; i < d; i++) {
                out.s[j * d + i] += moved ? st.s[c * d + i] + nc * delta[i] : st.s[c * d + i];
            }
            if (off) {
                int q = 0;
                for (int i = 0; i < d; i++) {
                    for (int m = 0; m <= i; m++, q++) {
                        double v = st.ss[c * sLen + q];
                        if (moved) {
                            v += st.s[c * d + i] * delta[m] + delta[i] * st.s[c * d + m] + nc * delta[i] * delta[m];
                        }
                        out.ss[j * sLen + q] += v;
                    }
                }
            } else {
                for (int i = 0; i < d; i++) {
                    double v = st.ss[c * sLen + i];
                    if (moved) {
                        v += 2 * st.s[c * d + i] * delta[i] + nc * delta[i] * delta[i];
                    }
                    out.ss[j * sLen + i] += v;
                }
            }
        }
        return out;
    }

    /**
     * The last measured merge term of each pair of the new state: carried over for pairs of
     * components left alone, the fresh ones of this E-step's candidates, NaN for the rest.
     */
    private static double[] carryCost(State ms, int k, Trial best, boolean[] merged, GaussianStatistics st) {
        int kn = best.kNew;
        double[] cost = new double[kn * kn];
        Arrays.fill(cost, Double.NaN);
        int[] t = best.target;
        if (ms.cost != null && ms.cost.length == k * k) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    if (!merged[a] && !merged[b] && a != b) {
                        cost[t[a] * kn + t[b]] = ms.cost[a * k + b];
                    }
                }
            }
        }
        for (int i = 0; i < ms.candidates.length / 2; i++) {
            int a = ms.candidates[2 * i];
            int b = ms.candidates[2 * i + 1];
            if (!merged[a] && !merged[b]) {
                cost[t[a] * kn + t[b]] = st.mergeTerms[i];
                cost[t[b] * kn + t[a]] = st.mergeTerms[i];
            }
        }
        return cost;
    }

    /**
     * The pairs whose merge the next E-step prices: those whose bound without the entropy term
     * (an upper bound on the merged bound), less the entropy the pair lost when last priced, beats
     * the state's; best first, at most {@link #pairSlots()}.
     */
    private int[] screen(Trial t, double[] cost, boolean merges) {
        int k = t.kNew;
        if (!(merge || delete) || k < 2) {
            return new int[0];
        }
        VariationalParams q = t.q;
        GaussianStatistics st = t.st;
        double base = t.value;
        boolean shared = prior.structure.shared();
        double[] own = new double[k];
        double lnB0 = q.logWishartNorm(prior.blockDof0(), prior.lnDetW0inv);
        for (int c = 0; c < k; c++) {
            own[c] = lnB0 - q.lnB[c] + 0.5 * d * Math.log(prior.beta0 / q.beta[c]);
        }
        double sticks = prior.weightPrior == WeightPrior.DIRICHLET_PROCESS ? stickTerm(Arrays.copyOf(st.n, k), identity(k)) : 0;
        List<double[]> found = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                boolean tiny = small(Math.min(st.n[a], st.n[b]), st.weight);
                if (tiny ? !delete : !(merge && merges)) {
                    continue;
                }
                double opt;
                if (shared) {
                    int[] into = identity(k);
                    into[st.n[b] > st.n[a] ? a : b] = st.n[b] > st.n[a] ? b : a;
                    opt = evaluate(st, t.shift, k, into, 0).value - base;
                } else {
                    opt = ownMerged(st, t.shift, a, b) - own[a] - own[b] + weightChange(q, st, k, a, b, sticks);
                }
                double known = cost[a * k + b];
                double predicted = opt - (Double.isNaN(known) ? 0 : known);
                if (predicted > margin(base)) {
                    found.add(new double[] {predicted, a, b});
                }
            }
        }
        found.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0])
                : x[1] != y[1] ? Double.compare(x[1], y[1]) : Double.compare(x[2], y[2]));
        int m = Math.min(found.size(), pairSlots());
        int[] cand = new int[2 * m];
        for (int i = 0; i < m; i++) {
            cand[2 * i] = (int) found.get(i)[1];
            cand[2 * i + 1] = (int) found.get(i)[2];
        }
        return cand;
    }

    /** ln B0 − ln B + ½ d ln(β0/β) of the posterior of a and b merged (a component's own part of the short bound). */
    private double ownMerged(GaussianStatistics st, double[] shift, int a, int b) {
        int k = shift.length / d;
        int[] target = new int[k];
        Arrays.fill(target, -1);
        target[a] = 0;
        target[b] = 0;
        double[] sh = new double[d];
        GaussianStatistics one = regroup(st, shift, k, target, 1, sh);
        VariationalParams q1 = prior.mStep(one, sh);
        double lnB0 = q1.logWishartNorm(prior.blockDof0(), prior.lnDetW0inv);
        return lnB0 - q1.lnB[0] + 0.5 * d * Math.log(prior.beta0 / q1.beta[0]);
    }

    /** The change of the weights' part of the short bound when a and b merge (Σα over K is unchanged). */
    private double weightChange(VariationalParams q, GaussianStatistics st, int k, int a, int b, double sticks) {
        if (prior.weightPrior == WeightPrior.DIRICHLET) {
            double merged = prior.concentration + st.n[a] + st.n[b] + GaussianFamily.N_EPS;
            return Special.lnGamma(merged) + Special.lnGamma(prior.concentration) - Special.lnGamma(q.conc1[a])
                    - Special.lnGamma(q.conc1[b]);
        }
        double[] n = new double[k - 1];
        int j = 0;
        for (int c = 0; c < k; c++) {
            if (c == b) {
                continue;
            }
            n[j++] = c == a ? st.n[a] + st.n[b] : st.n[c];
        }
        double merged = stickTerm(n, identity(k - 1));
        if (order) {
            merged = Math.max(merged, stickTerm(n, sortedBySize(n)));
        }
        // One stick fewer: ln γ0 less of the prior's normaliser (MATH.md §4.9).
        return merged - sticks - Math.log(prior.concentration);
    }
}
