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
    int d = 0;
    // Four features per pass over the scores (each score still adds them in feature order).
    for (; d + 4 <= dim; d += 4) {
        const double w0 = w[d], w1 = w[d + 1], w2 = w[d + 2], w3 = w[d + 3];
        const float *restrict c0 = columns + (int64_t)d * count, *restrict c1 = c0 + count, *restrict c2 = c1 + count, *restrict c3 = c2 + count;
        for (int64_t i = 0; i < count; i++) {
            double s = scores[i];
            s = s + w0 * (double)c0[i];
            s = s + w1 * (double)c1[i];
            s = s + w2 * (double)c2[i];
            s = s + w3 * (double)c3[i];
            scores[i] = s;
        }
    }
    for (; d < dim; d++) {
        const double wd = w[d];
        const float *restrict column = columns + (int64_t)d * count;
        for (int64_t i = 0; i < count; i++) scores[i] += wd * (double)column[i];
    }
    for (int64_t i = 0; i < count; i++) scores[i] = offsets[i] + scores[i];
}

/// out[d] = Σᵢ g[i]·column_d[i] over 16 lanes, combined by a fixed tree.
static inline __attribute__((always_inline)) double rec_lanes_total(const double *lane) {
    double eight[8], four[4];
    for (int l = 0; l < 8; l++) eight[l] = lane[l] + lane[l + 8];
    for (int l = 0; l < 4; l++) four[l] = eight[l] + eight[l + 4];
    return (four[0] + four[2]) + (four[1] + four[3]);
}

static inline __attribute__((always_inline)) void rec_weighted_sum(const float *restrict columns, int64_t count, int dim,
                                                                   const double *restrict g, double *restrict out) {
    int d = 0;
    // Four features per pass over g, then two, then one (each feature's lanes add in the same
    // order however many share a pass; four halve the time of two, eight spill).
    for (; d + 4 <= dim; d += 4) {
        const float *restrict c0 = columns + (int64_t)d * count, *restrict c1 = c0 + count, *restrict c2 = c1 + count, *restrict c3 = c2 + count;
        double lane0[LANES], lane1[LANES], lane2[LANES], lane3[LANES];
        for (int l = 0; l < LANES; l++) lane0[l] = lane1[l] = lane2[l] = lane3[l] = 0.0;
        int64_t i = 0;
        for (; i + LANES <= count; i += LANES) {
            for (int l = 0; l < LANES; l++) {
                lane0[l] += g[i + l] * (double)c0[i + l];
                lane1[l] += g[i + l] * (double)c1[i + l];
                lane2[l] += g[i + l] * (double)c2[i + l];
                lane3[l] += g[i + l] * (double)c3[i + l];
            }
        }
        for (int l = 0; i + l < count; l++) {
            lane0[l] += g[i + l] * (double)c0[i + l];
            lane1[l] += g[i + l] * (double)c1[i + l];
            lane2[l] += g[i + l] * (double)c2[i + l];
            lane3[l] += g[i + l] * (double)c3[i + l];
        }
        out[d] = rec_lanes_total(lane0);
        out[d + 1] = rec_lanes_total(lane1);
        out[d + 2] = rec_lanes_total(lane2);
        out[d + 3] = rec_lanes_total(lane3);
    }
    for (; d + 2 <= dim; d += 2) {
        const float *restrict c0 = columns + (int64_t)d * count, *restrict c1 = c0 + count;
        double lane0[LANES], lane1[LANES];
        for (int l = 0; l < LANES; l++) lane0[l] = lane1[l] = 0.0;
        int64_t i = 0;
        for (; i + LANES <= count; i += LANES) {
            for (int l = 0; l < LANES; l++) {
                lane0[l] += g[i + l] * (double)c0[i + l];
                lane1[l] += g[i + l] * (double)c1[i + l];
            }
        }
        for (int l = 0; i + l < count; l++) {
            lane0[l] += g[i + l] * (double)c0[i + l];
            lane1[l] += g[i + l] * (double)c1[i + l];
        }
        out[d] = rec_lanes_total(lane0);
        out[d + 1] = rec_lanes_total(lane1);
    }
    for (; d < dim; d++) {
        const float *restrict column = columns + (int64_t)d * count;
        double lane[LANES];
        for (int l = 0; l < LANES; l++) lane[l] = 0.0;
        int64_t i = 0;
        for (; i + LANES <= count; i += LANES) {
            for (int l = 0; l < LANES; l++) lane[l] += g[i + l] * (double)column[i + l];
        }
        for (int l = 0; i + l < count; l++) lane[l] += g[i + l] * (double)column[i + l];
        out[d] = rec_lanes_total(lane);
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

REC_CLONES
float rec_softmax_pullback(const float *scores, int64_t n, float tau, int64_t target, float floor, float *restrict weights) {
    float top = -__builtin_inff();
    for (int64_t i = 0; i < n; i++) {
        const float s = scores[i];
        if (__builtin_isfinite(s) && s / tau > top) top = s / tau;
    }
    double lane[LANES];
    for (int l = 0; l < LANES; l++) lane[l] = 0.0;
    int64_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        for (int l = 0; l < LANES; l++) {
            const float s = scores[i + l];
            const double e = __builtin_isfinite(s) ? rec_exp_double((double)(s / tau - top)) : 0.0;
            weights[i + l] = (float)e;
            lane[l] += e;
        }
    }
    for (int l = 0; i + l < n; l++) {
        const float s = scores[i + l];
        const double e = __builtin_isfinite(s) ? rec_exp_double((double)(s / tau - top)) : 0.0;
        weights[i + l] = (float)e;
        lane[l] += e;
    }
    double eight[8], four[4];
    for (int l = 0; l < 8; l++) eight[l] = lane[l] + lane[l + 8];
    for (int l = 0; l < 4; l++) four[l] = eight[l] + eight[l + 4];
    const double sum = (four[0] + four[2]) + (four[1] + four[3]);
    const float lse = top + (float)__builtin_log(sum);
    const float value = __builtin_isfinite(scores[target]) ? scores[target] / tau - lse : -__builtin_inff();
    if (!(value > floor)) {
        for (int64_t k = 0; k < n; k++) weights[k] = 0.0f;
        return value;
    }
    const double scale = -1.0 / (sum * (double)tau);
    for (int64_t k = 0; k < n; k++) weights[k] = (float)((double)weights[k] * scale);
    weights[target] += 1.0f / tau;
    return value;
}

/// Σ_t a[t]·b[t] over 8 interleaved lanes (lane t mod 8), combined ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)).
static inline __attribute__((always_inline)) double rec_lane_dot(const double *restrict a, const double *restrict b, int count) {
    double lane[8] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    int t = 0;
    for (; t + 8 <= count; t += 8) {
        for (int l = 0; l < 8; l++) lane[l] += a[t + l] * b[t + l];
    }
    for (int l = 0; t + l < count; l++) lane[l] += a[t + l] * b[t + l];
    double four[4];
    for (int l = 0; l < 4; l++) four[l] = lane[l] + lane[l + 4];
    return (four[0] + four[2]) + (four[1] + four[3]);
}

REC_CLONES
int rec_cholesky_factor(double *a, int n) {
    for (int j = 0; j < n; j++) {
        double *restrict rowJ = a + (int64_t)j * n;
        const double d = rowJ[j] - rec_lane_dot(rowJ, rowJ, j);
        if (!(d > 0.0) || d > 1.7976931348623157e308) return 0;
        const double root = __builtin_sqrt(d);
        rowJ[j] = root;
        for (int i = j + 1; i < n; i++) {
            double *restrict rowI = a + (int64_t)i * n;
            const double value = (rowI[j] - rec_lane_dot(rowI, rowJ, j)) / root;
            rowI[j] = value;
            rowJ[i] = value;  // Lᵀ in the upper triangle: row j of Lᵀ is column j of L
        }
    }
    return 1;
}

REC_CLONES
void rec_cholesky_solve(const double *factor, int n, double *b) {
    for (int i = 0; i < n; i++) {  // L y = b
        const double *row = factor + (int64_t)i * n;
        b[i] = (b[i] - rec_lane_dot(row, b, i)) / row[i];
    }
    for (int i = n - 1; i >= 0; i--) {  // Lᵀ x = y, rows of Lᵀ from the upper triangle
        const double *row = factor + (int64_t)i * n;
        b[i] = (b[i] - rec_lane_dot(row + i + 1, b + i + 1, n - i - 1)) / row[i];
    }
}
