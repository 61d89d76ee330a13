# Writes the mclust agreement fixtures of mixtures-core's tests (run once; nothing in the build needs R):
#   apt-get install r-cran-mclust r-cran-jsonlite
#   Rscript mixtures-bench/scripts/mclust_fixtures.R mixtures-core/src/test/resources/mclust
# 1. steps.json: for every model, from the same given responsibilities, mclust's me() after 1..5
#    iterations (parameters and ln L; no outer tolerance, so that each runs all its iterations), on iris's four measurements, K = 3.
# 2. select-<name>.json: Mclust() on five data sets (K = 1..6, every model): every cell's BIC
#    and ln L, the chosen model, and the hierarchical start's classes for K = 1..9.
suppressMessages({library(mclust); library(jsonlite)})
out <- commandArgs(trailingOnly = TRUE)[1]
models <- mclust.options("emModelNames")

x <- as.matrix(iris[, 1:4])
n <- nrow(x); G <- 3
set.seed(20261206)
z <- matrix(runif(n * G), n, G)
z <- z / rowSums(z)
steps <- list()
for (m in models) {
  its <- list()
  for (t in 1:5) {
    fit <- me(modelName = m, data = x, z = z, control = emControl(tol = c(0, sqrt(.Machine$double.eps)), itmax = c(t, .Machine$integer.max)), warn = FALSE)
    p <- fit$parameters
    its[[t]] <- list(iterations = t, loglik = fit$loglik, pro = p$pro, mean = t(p$mean),
                     sigma = lapply(1:G, function(k) p$variance$sigma[, , k]))
  }
  steps[[m]] <- its
}
write_json(list(mclust = as.character(packageVersion("mclust")), data = x, z = z, k = G, models = steps),
           file.path(out, "steps.json"), digits = NA, auto_unbox = TRUE, matrix = "rowmajor")

data(wreath)
sets <- list(faithful = as.matrix(faithful), iris = as.matrix(iris[, 1:4]),
             banknote = as.matrix(banknote[, -1]), diabetes = as.matrix(diabetes[, -1]),
             wreath = as.matrix(wreath))
for (name in names(sets)) {
  d <- sets[[name]]
  cells <- list()
  for (m in models) for (g in 1:6) {
    f <- tryCatch(Mclust(d, G = g, modelNames = m, verbose = FALSE), error = function(e) NULL)
    if (!is.null(f)) cells[[length(cells) + 1]] <- list(model = m, k = g, loglik = f$loglik, bic = f$bic)
  }
  best <- Mclust(d, G = 1:6, verbose = FALSE)
  hcl <- hclass(hc(d, modelName = "VVV", use = "SVD"), 1:9)
  write_json(list(mclust = as.character(packageVersion("mclust")), columns = colnames(d), data = d, cells = cells,
                  hc = lapply(1:9, function(g) hcl[, g]),
                  best = list(model = best$modelName, k = best$G, loglik = best$loglik, bic = best$bic)),
             file.path(out, paste0("select-", name, ".json")), digits = NA, auto_unbox = TRUE, matrix = "rowmajor")
}

# 3. prior.json: with mclust's default conjugate prior (priorControl()), for the ten models that take
#    one, from the same responsibilities as steps.json: the prior's parameters (defaultPrior) and
#    me()'s parameters and ln L after 1..5 iterations.
withPrior <- c("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "EEV", "VEV", "VVV")
pr <- list()
for (m in withPrior) {
  its <- list()
  for (t in 1:5) {
    fit <- me(modelName = m, data = x, z = z, prior = priorControl(),
              control = emControl(tol = c(0, sqrt(.Machine$double.eps)), itmax = c(t, .Machine$integer.max)), warn = FALSE)
    p <- fit$parameters
    its[[t]] <- list(iterations = t, loglik = fit$loglik, pro = p$pro, mean = t(p$mean),
                     sigma = lapply(1:G, function(k) p$variance$sigma[, , k]))
  }
  dp <- defaultPrior(x, G, m)
  pr[[m]] <- list(prior = list(shrinkage = dp$shrinkage, mean = dp$mean, dof = dp$dof,
                               scale = if (is.matrix(dp$scale)) dp$scale else as.numeric(dp$scale)),
                  steps = its)
}
write_json(list(mclust = as.character(packageVersion("mclust")), models = pr),
           file.path(out, "prior.json"), digits = NA, auto_unbox = TRUE, matrix = "rowmajor")
