#ifndef REC_MF_KERNELS_H
#define REC_MF_KERNELS_H

#include <stdint.h>

/// Explicit-rating matrix factorisation kernels (RecCore's `MatrixFactorization`), same build
/// rules as rec_kernels.h: IEEE additions, multiplications, divisions and square roots in an order
/// fixed by the source, so every clone gives bit-identical results.

/// One flat parameter block with its gradient and Adam moments (same length).
typedef struct {
    float *theta, *gradient, *first, *second;
} rec_adam_block;

/// The parameters of one MF minibatch epoch: P (users × d), Q (items × d), user and item biases,
/// each with gradient (all zero on entry, all zero on return) and Adam moments.
typedef struct {
    rec_adam_block userFactors, itemFactors, userBias, itemBias;
    int factors;
} rec_mf_parameters;

/// Runs the minibatches of one epoch of `MatrixFactorization` training with Adam and a penalty of
/// weights (λ_p, λ_q) per occurrence of a factor row (0, 0: none; λ, λ: fixed; λ_p/τ, λ_q/τ:
/// weighted) and `biasPenalty` per occurrence of a bias, exactly as RecCore's
/// `MFObjective.minibatchUnchecked` followed by `OptimizerState.applyRows` on the touched rows:
/// for each batch `order[start ..< start + batchSize]` (the last one shorter), with step size
/// `stepSizes[b]` for the b-th batch. Errors e = y − ((b_u + b_i) + p·q) (dot product summed in
/// factor order from 0), gradients accumulated in batch order, then one Adam step per distinct
/// touched row. `userMark`/`itemMark` (users / items entries, all −1 on entry, restored on return)
/// and `touchedUsers`/`touchedItems`/`errors` (batchSize entries) are scratch. O(n·d).
void rec_mf_adam_epoch(rec_mf_parameters parameters, const int32_t *users, const int32_t *items, const float *targets,
                       const int64_t *order, int64_t n, int batchSize, const float *stepSizes, float lambdaP, float lambdaQ,
                       float biasPenalty, float beta1, float beta2, float epsilon, int32_t *userMark, int32_t *itemMark,
                       int32_t *touchedUsers, int32_t *touchedItems, float *errors);

/// Σ_k (r_k − (mean + scale·((b_u + b_i) + p_u·q_i)))² in double (terms in index order; the
/// prediction in float, dot summed in factor order from 0), as RecCore's `MatrixFactorization.rmse`.
double rec_mf_squared_error(const float *userFactors, const float *itemFactors, const float *userBias, const float *itemBias,
                            int factors, const int32_t *users, const int32_t *items, const float *ratings, int64_t n, float mean,
                            float scale);

/// Σ_k (y_k − ((b_u + b_i) + p_u·q_i))² summed in float in index order (normalised targets, as
/// RecCore's `MFObjective.adaptiveHyperparameters` over `prediction(user:item:)`).
float rec_mf_squared_error_float(const float *userFactors, const float *itemFactors, const float *userBias, const float *itemBias,
                                 int factors, const int32_t *users, const int32_t *items, const float *targets, int64_t n);

/// `rec_mf_squared_error` over ratings stored by user: user u's entries are `rowStart[u] ..<
/// rowStart[u + 1]` (u < `userCount`); entries whose item is ≥ `itemLimit` are skipped.
double rec_mf_squared_error_by_user(const float *userFactors, const float *itemFactors, const float *userBias, const float *itemBias,
                                    int factors, const int64_t *rowStart, int64_t userCount, const int32_t *items, const float *ratings,
                                    int64_t itemLimit, float mean, float scale);

/// tr H⁻¹ for H = 2τ·Σ_m x_m x_mᵀ + 2λn·I, the Laplace precision of one MF row in the EM step:
/// x_m = rows `neighbors[0 ..< n]` of `other` (d wide). Gram matrix by rank-1 row updates, Cholesky
/// H = LLᵀ (right-looking on the full symmetric matrix), L⁻¹ by rows, tr H⁻¹ = ‖L⁻¹‖²_F. Rows are
/// padded to dp = d rounded up to 16; `scratch`: (3·dp + 2 + n)·dp floats. O(n·d·dp + d²·dp).
float rec_mf_posterior_trace(const float *other, const int32_t *neighbors, int n, int factors, float tau, float lambda,
                             float *scratch);

#endif
