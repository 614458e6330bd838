#include "rec_als_kernels.h"
#include <string.h>

#pragma clang fp contract(off)

#include "rec_clones.h"

/// 16 floats, element-wise operations only (one AVX-512 register, two AVX2 or four SSE ones).
typedef float rec_v16 __attribute__((vector_size(64), aligned(4)));
typedef float rec_v8 __attribute__((vector_size(32), aligned(4)));
typedef float rec_v4 __attribute__((vector_size(16), aligned(4)));

static inline __attribute__((always_inline)) rec_v16 rec_load16(const float *p) {
    rec_v16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void rec_store16(float *p, rec_v16 v) { memcpy(p, &v, sizeof v); }

/// The 16 lanes summed by a fixed tree: halves, quarters, then (0 + 2) + (1 + 3).
static inline __attribute__((always_inline)) float rec_sum16(rec_v16 v) {
    rec_v8 a = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) + __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
    rec_v4 b = __builtin_shufflevector(a, a, 0, 1, 2, 3) + __builtin_shufflevector(a, a, 4, 5, 6, 7);
    return (b[0] + b[2]) + (b[1] + b[3]);
}

/// out = gram·v for a symmetric f × f gram (f = 16·B), as Σ_j v_j·gram_j in two partial sums
/// (even and odd j, added at the end).
static inline __attribute__((always_inline)) void rec_gram_times(const float *gram, const rec_v16 *v, rec_v16 *out, const int B) {
    const int f = 16 * B;
    float scalars[128];
    for (int b = 0; b < B; b++) rec_store16(scalars + 16 * b, v[b]);
    rec_v16 even[8], odd[8];
    for (int b = 0; b < B; b++) {
        even[b] = (rec_v16){0};
        odd[b] = (rec_v16){0};
    }
    for (int j = 0; j < f; j += 2) {
        const float *g0 = gram + (long)j * f, *g1 = g0 + f;
        const float s0 = scalars[j], s1 = scalars[j + 1];
        for (int b = 0; b < B; b++) {
            even[b] += s0 * rec_load16(g0 + 16 * b);
            odd[b] += s1 * rec_load16(g1 + 16 * b);
        }
    }
    for (int b = 0; b < B; b++) out[b] = even[b] + odd[b];
}

static inline __attribute__((always_inline)) float rec_dot_blocks(const rec_v16 *a, const rec_v16 *b, const int B) {
    rec_v16 s = a[0] * b[0];
    for (int k = 1; k < B; k++) s += a[k] * b[k];
    return rec_sum16(s);
}

static inline __attribute__((always_inline)) void rec_als_cg_row_blocks(float *x, const float *rows, const float *confidence,
                                                                        const float *weight, int n, const float *gram, int steps,
                                                                        const int B) {
    const int f = 16 * B;
    rec_v16 X[8], R[8], P[8], AP[8], T[8];
    for (int b = 0; b < B; b++) X[b] = rec_load16(x + 16 * b);
    // r = Gᵀ(c − w ∘ (G x)) − gram·x: one pass over G (each row's dot, then its share of Gᵀ).
    for (int b = 0; b < B; b++) R[b] = (rec_v16){0};
    for (int k = 0; k < n; k++) {
        const float *g = rows + (long)k * f;
        rec_v16 s = rec_load16(g) * X[0];
        for (int b = 1; b < B; b++) s += rec_load16(g + 16 * b) * X[b];
        const float t = confidence[k] - weight[k] * rec_sum16(s);
        for (int b = 0; b < B; b++) R[b] += t * rec_load16(g + 16 * b);
    }
    rec_gram_times(gram, X, T, B);
    for (int b = 0; b < B; b++) {
        R[b] -= T[b];
        P[b] = R[b];
    }
    float rsOld = rec_dot_blocks(R, R, B);
    if (!(rsOld >= 1e-20f)) return;
    for (int step = 0; step < steps; step++) {
        // Ap = gram·p + Gᵀ(w ∘ (G p)).
        rec_gram_times(gram, P, AP, B);
        for (int k = 0; k < n; k++) {
            const float *g = rows + (long)k * f;
            rec_v16 s = rec_load16(g) * P[0];
            for (int b = 1; b < B; b++) s += rec_load16(g + 16 * b) * P[b];
            const float t = weight[k] * rec_sum16(s);
            for (int b = 0; b < B; b++) AP[b] += t * rec_load16(g + 16 * b);
        }
        const float alpha = rsOld / rec_dot_blocks(P, AP, B);
        for (int b = 0; b < B; b++) {
            X[b] += alpha * P[b];
            R[b] -= alpha * AP[b];
        }
        const float rsNew = rec_dot_blocks(R, R, B);
        if (rsNew < 1e-20f) break;
        const float beta = rsNew / rsOld;
        for (int b = 0; b < B; b++) P[b] = R[b] + beta * P[b];
        rsOld = rsNew;
    }
    for (int b = 0; b < B; b++) rec_store16(x + 16 * b, X[b]);
}

REC_CLONES
void rec_als_cg_row(float *x, const float *rows, const float *confidence, const float *weight, int n, int f, const float *gram,
                    int steps) {
    switch (f) {
    case 16: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 1); break;
    case 32: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 2); break;
    case 48: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 3); break;
    case 64: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 4); break;
    case 80: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 5); break;
    case 96: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 6); break;
    case 112: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 7); break;
    case 128: rec_als_cg_row_blocks(x, rows, confidence, weight, n, gram, steps, 8); break;
    default: break;
    }
}
