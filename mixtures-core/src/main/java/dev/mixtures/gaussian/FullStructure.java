package dev.mixtures.gaussian;

/** Each component has its own full covariance matrix (scikit-learn's "full", mclust's VVV). */
final class FullStructure extends WishartStructure {
    private static final long serialVersionUID = 1L;


    @Override
    long parameters(int k, int d) {
        return k * ((long) d * (d + 1) / 2);
    }

    @Override
    boolean holds(double[] m, double[] first, int d, int i, int j) {
        return true;
    }

    @Override
    void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
        System.arraycopy(dataCov, 0, raw, c * d * d, d * d);
    }
}
