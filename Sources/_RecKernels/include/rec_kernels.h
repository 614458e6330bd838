#ifndef REC_KERNELS_H
#define REC_KERNELS_H

#include <stdint.h>
#include "rec_mf_kernels.h"
#include "rec_als_kernels.h"
#include "rec_foldin_kernels.h"

/// Hot loops of RecLens in C, compiled at -O2 with floating-point contraction off and, on x86-64
/// Linux, cloned for AVX-512, AVX2 and the baseline (chosen at load time). Every kernel uses only
/// IEEE additions, multiplications, divisions and square roots (and glibc's log, once per softmax)
/// in an order fixed by the source (sums over 8 or 16 interleaved lanes combined by a fixed tree),
/// so every clone gives bit-identical results.

/// One GRU step for one row (PyTorch gate order r, z, n), as RecCore's `GRUCell.gates`:
/// r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r ⊙ gh_n), out = (1 − z) ⊙ n + z ⊙ h,
/// with σ(x) = 1 / (1 + e^{−x}), tanh x = 2σ(2x) − 1 and RecCore's Cephes-style e^x.
/// gi, gh: 3H pre-activations (gh = h·W_hhᵀ + b_hh); h: H; out: H (may not alias h). O(H).
void rec_gru_gates_row(const float *gi, const float *gh, const float *h, int hidden, float *out);

/// One Adam step on `count` parameters, as RecCore's `OptimizerState.applyRows`:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g·g, θ ← θ − step·m / (√v + ε), then g ← 0. O(count).
void rec_adam_row(float *theta, float *gradient, float *first, float *second, int count, float step, float beta1, float beta2,
                  float epsilon);

#endif
