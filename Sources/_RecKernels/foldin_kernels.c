#include "rec_foldin_kernels.h"
#include <string.h>

#pragma clang fp contract(off)

#include "rec_clones.h"

#define LANES 16

static inline __attribute__((always_inline)) double rec_exp_double(double input) {
    double x = input < -708.0 ? -708.0 : input;
    x = x > 708.0 ? 708.0 : x;
    const double magic = 6755399441055744.0;  // 1.5·2⁵²: adding it rounds to an integer (round to nearest)
    double shifted = x * 1.4426950408889634074 + magic;
    double n = shifted - magic;
    // ln 2 split as fdlibm's ln2HI (low 32 bits zero, so n·ln2HI is exact) + ln2LO.
    double r = x - n * 6.93147180369123816490e-01;
    r = r - n * 1.90821492927058770002e-10;
    double p = 1.0 / 6227020800.0;  // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    int64_t bits, magicBits;
    memcpy(&bits, &shifted, sizeof bits);
    memcpy(&magicBits, &magic, sizeof magicBits);
    int64_t exponent = (int64_t)((uint64_t)(bits - magicBits + 1023) << 52);
    double scale;
    memcpy(&scale, &exponent, sizeof scale);
    return p * scale;
}

static inline __attribute__((always_inline)) double rec_sigmoid_double(double x) { return 1.0 / (1.0 + rec_exp_double(-x)); }

static inline __attribute__((always_inline)) void rec_scores(const float *restrict columns, const double *restrict offsets, int64_t count,
                                                             int dim, const double *restrict w, double *restrict scores) {
    for (int64_t i = 0; i < count; i++) scores[i] = 0.0;
    for (int d = 0; d < dim; d++) {
        const double wd = w[d];
        const float *restrict column = columns + (int64_t)d * count;
        for (int64_t i = 0; i < count; i++) scores[i] += wd * (double)column[i];
    }
    for (int64_t i = 0; i < count; i++) scores[i] = offsets[i] + scores[i];
}

static inline __attribute__((always_inline)) void rec_weighted_sum(const float *restrict columns, int64_t count, int dim,
                                                                   const double *restrict g, double *restrict out) {
    for (int d = 0; d < dim; d++) {
        const float *restrict column = columns + (int64_t)d * count;
        double lane[LANES];
        for (int l = 0; l < LANES; l++) lane[l] = 0.0;
        int64_t i = 0;
        for (; i + LANES <= count; i += LANES) {
            for (int l = 0; l < LANES; l++) lane[l] += g[i + l] * (double)column[i + l];
        }
        for (int l = 0; i + l < count; l++) lane[l] += g[i + l] * (double)column[i + l];
        double eight[8], four[4];
        for (int l = 0; l < 8; l++) eight[l] = lane[l] + lane[l + 8];
        for (int l = 0; l < 4; l++) four[l] = eight[l] + eight[l + 4];
        out[d] = (four[0] + four[2]) + (four[1] + four[3]);
    }
}

double rec_foldin_exp(double x) { return rec_exp_double(x); }

REC_CLONES
void rec_foldin_scores(const float *columns, const double *offsets, int64_t count, int dim, const double *w, double *scores) {
    rec_scores(columns, offsets, count, dim, w, scores);
}

REC_CLONES
void rec_foldin_weighted_sum(const float *columns, int64_t count, int dim, const double *g, double *out) {
    rec_weighted_sum(columns, count, dim, g, out);
}

REC_CLONES
void rec_foldin_sigmoid_pass(const float *columns, const double *offsets, int64_t count, int dim, const double *w, double weight,
                             double *scores, double *restrict sigma, double *out) {
    rec_scores(columns, offsets, count, dim, w, scores);
    for (int64_t i = 0; i < count; i++) sigma[i] = rec_sigmoid_double(scores[i]);
    if (weight == 0.0) {
        for (int d = 0; d < dim; d++) out[d] = 0.0;
        return;
    }
    rec_weighted_sum(columns, count, dim, sigma, out);
    for (int d = 0; d < dim; d++) out[d] = weight * out[d];
}

REC_CLONES
void rec_foldin_sigmoid(const double *in, int64_t count, double *restrict out) {
    for (int64_t i = 0; i < count; i++) out[i] = rec_sigmoid_double(in[i]);
}

REC_CLONES
void rec_foldin_sqrt_scaled_rows(const double *x, int64_t count, int dim, const double *v, double *restrict out) {
    for (int64_t i = 0; i < count; i++) {
        const double r = v[i] > 0.0 ? __builtin_sqrt(v[i]) : 0.0;
        const double *restrict row = x + i * dim;
        double *restrict target = out + i * dim;
        for (int d = 0; d < dim; d++) target[d] = r * row[d];
    }
}
