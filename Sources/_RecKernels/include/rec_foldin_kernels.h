#ifndef REC_FOLDIN_KERNELS_H
#define REC_FOLDIN_KERNELS_H

#include <stdint.h>

/// The dense kernels of the Newton fold-ins (RecCore's `FoldInItems`), over the item features
/// stored by column, `columns` (dim × count, column d holding feature d of every item, in Float:
/// the models' parameters are Float, so the values are exact), with Double arithmetic. Scores
/// accumulate feature by feature (d = 0, 1, …) per item; sums over items run over 16 interleaved
/// lanes (lane i mod 16 takes item i) combined by a fixed tree; e^x is `rec_foldin_exp`. With
/// contraction off every clone (AVX-512, AVX2, baseline) gives bit-identical results.

/// scores[i] = o[i] + Σ_d w[d]·x_i[d] for every item. O(count·dim).
void rec_foldin_scores(const float *columns, const double *offsets, int64_t count, int dim, const double *w, double *scores);

/// out[d] = Σᵢ g[i]·x_i[d] (dim values). O(count·dim).
void rec_foldin_weighted_sum(const float *columns, int64_t count, int dim, const double *g, double *out);

/// One pass of the logistic objectives: scores as `rec_foldin_scores`, sigma[i] = σ(scores[i])
/// and out = weight·Σᵢ σ(scores[i])·x_i (out = 0 when weight is 0). O(count·dim).
void rec_foldin_sigmoid_pass(const float *columns, const double *offsets, int64_t count, int dim, const double *w, double weight,
                             double *scores, double *sigma, double *out);

/// out[i] = σ(in[i]) = 1 / (1 + e^(−in[i])). O(count).
void rec_foldin_sigmoid(const double *in, int64_t count, double *out);

/// e^x in Double: x clamped to [−708, 708], x = n·ln 2 + r (Cody–Waite, |r| ≤ ln 2 / 2), e^r by
/// its degree-13 Taylor polynomial (truncation below 10⁻¹⁷ relative), times 2ⁿ; within 1 ulp of
/// glibc's exp over [−700, 700] (20 million random points). Branch-free, so loops of it vectorise.
double rec_foldin_exp(double x);

/// out (count × dim, row-major) = √v[i]·x_i for v[i] > 0 and 0 elsewhere, from the row-major
/// Double features x (the rows of a weighted Gram for `cblas_dsyrk`). O(count·dim).
void rec_foldin_sqrt_scaled_rows(const double *x, int64_t count, int dim, const double *v, double *out);

/// log p(target) under the softmax of scores/τ over the finite scores, and the pullback weights
/// of ∇ log p: weights[i] = −pᵢ/τ for finite scores (0 elsewhere), plus 1/τ at the target. The
/// exponentials once each (`rec_foldin_exp`, summed in Double over 16 lanes). When the target's
/// score is not finite the result is −∞; when the result is not above `floor` the weights are all
/// 0. O(n).
float rec_softmax_pullback(const float *scores, int64_t n, float tau, int64_t target, float floor, float *weights);

/// Cholesky A = L·Lᵀ of an n × n row-major matrix, in place: its lower triangle becomes L (left
/// looking, each entry's sum over 8 interleaved lanes), its strict upper triangle Lᵀ (so that
/// both triangular solves read rows). Returns 0 when a pivot is not positive and finite (A is
/// not positive definite to working precision), else 1. O(n³ / 3).
int rec_cholesky_factor(double *a, int n);

/// Overwrites b with A⁻¹b from `rec_cholesky_factor`'s output: L·y = b, then Lᵀ·x = y. O(n²).
void rec_cholesky_solve(const double *factor, int n, double *b);

#endif
