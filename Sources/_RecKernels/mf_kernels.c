#include "rec_mf_kernels.h"
#include <string.h>

#pragma clang fp contract(off)

#include "rec_clones.h"
#include "rec_adam.h"

/// p·q summed in factor order from 0 (as Swift's `var dot: Float = 0; for f … { dot += p[f] * q[f] }`).
static inline __attribute__((always_inline)) float rec_dot(const float *p, const float *q, int d) {
    float dot = 0.0f;
    for (int f = 0; f < d; f++) dot += p[f] * q[f];
    return dot;
}

/// Four independent dot products at once (each still summed in factor order from 0), so that the
/// CPU overlaps their addition chains.
static inline __attribute__((always_inline)) void rec_dot4(const float *p0, const float *q0, const float *p1, const float *q1,
                                                           const float *p2, const float *q2, const float *p3, const float *q3,
                                                           int d, float *out) {
    float a = 0.0f, b = 0.0f, c = 0.0f, e = 0.0f;
    for (int f = 0; f < d; f++) {
        a += p0[f] * q0[f];
        b += p1[f] * q1[f];
        c += p2[f] * q2[f];
        e += p3[f] * q3[f];
    }
    out[0] = a;
    out[1] = b;
    out[2] = c;
    out[3] = e;
}

REC_CLONES
void rec_mf_adam_epoch(rec_mf_parameters parameters, const int32_t *users, const int32_t *items, const float *targets,
                       const int64_t *order, int64_t n, int batchSize, const float *stepSizes, float lambdaP, float lambdaQ,
                       float biasPenalty, float beta1, float beta2, float epsilon, int32_t *userMark, int32_t *itemMark,
                       int32_t *touchedUsers, int32_t *touchedItems, float *errors) {
    const int d = parameters.factors;
    float *restrict pu = parameters.userFactors.theta, *restrict qi = parameters.itemFactors.theta;
    float *restrict bu = parameters.userBias.theta, *restrict bi = parameters.itemBias.theta;
    float *restrict gpu = parameters.userFactors.gradient, *restrict gqi = parameters.itemFactors.gradient;
    float *restrict gbu = parameters.userBias.gradient, *restrict gbi = parameters.itemBias.gradient;
    const float twoLambdaP = 2.0f * lambdaP, twoLambdaQ = 2.0f * lambdaQ, twoBias = 2.0f * biasPenalty;
    int64_t batchIndex = 0;
    for (int64_t start = 0; start < n; start += batchSize, batchIndex++) {
        const int count = (int)(n - start < batchSize ? n - start : batchSize);
        const int64_t *batch = order + start;
        // Errors first (the parameters do not move within a batch), four dot products at a time.
        int b = 0;
        for (; b + 4 <= count; b += 4) {
            int64_t k0 = batch[b], k1 = batch[b + 1], k2 = batch[b + 2], k3 = batch[b + 3];
            int u0 = users[k0], u1 = users[k1], u2 = users[k2], u3 = users[k3];
            int i0 = items[k0], i1 = items[k1], i2 = items[k2], i3 = items[k3];
            float dots[4];
            rec_dot4(pu + (int64_t)u0 * d, qi + (int64_t)i0 * d, pu + (int64_t)u1 * d, qi + (int64_t)i1 * d,
                     pu + (int64_t)u2 * d, qi + (int64_t)i2 * d, pu + (int64_t)u3 * d, qi + (int64_t)i3 * d, d, dots);
            errors[b] = targets[k0] - ((bu[u0] + bi[i0]) + dots[0]);
            errors[b + 1] = targets[k1] - ((bu[u1] + bi[i1]) + dots[1]);
            errors[b + 2] = targets[k2] - ((bu[u2] + bi[i2]) + dots[2]);
            errors[b + 3] = targets[k3] - ((bu[u3] + bi[i3]) + dots[3]);
        }
        for (; b < count; b++) {
            int64_t k = batch[b];
            int u = users[k], i = items[k];
            errors[b] = targets[k] - ((bu[u] + bi[i]) + rec_dot(pu + (int64_t)u * d, qi + (int64_t)i * d, d));
        }
        // Gradients in batch order; distinct rows in first-touch order.
        int userCount = 0, itemCount = 0;
        for (b = 0; b < count; b++) {
            int64_t k = batch[b];
            int u = users[k], i = items[k];
            float e = errors[b], minusTwoE = -2.0f * e;
            float ub = bu[u], ib = bi[i];
            gbu[u] += minusTwoE + twoBias * ub;
            gbi[i] += minusTwoE + twoBias * ib;
            const float *restrict p = pu + (int64_t)u * d, *restrict q = qi + (int64_t)i * d;
            float *restrict gp = gpu + (int64_t)u * d, *restrict gq = gqi + (int64_t)i * d;
            for (int f = 0; f < d; f++) {
                float pf = p[f], qf = q[f];
                gp[f] += minusTwoE * qf + twoLambdaP * pf;
                gq[f] += minusTwoE * pf + twoLambdaQ * qf;
            }
            if (userMark[u] < 0) { userMark[u] = 1; touchedUsers[userCount++] = u; }
            if (itemMark[i] < 0) { itemMark[i] = 1; touchedItems[itemCount++] = i; }
        }
        const float step = stepSizes[batchIndex];
        for (int r = 0; r < userCount; r++) {
            int u = touchedUsers[r];
            userMark[u] = -1;
            rec_adam(bu + u, gbu + u, parameters.userBias.first + u, parameters.userBias.second + u, 1, step, beta1, beta2, epsilon);
            int64_t o = (int64_t)u * d;
            rec_adam(pu + o, gpu + o, parameters.userFactors.first + o, parameters.userFactors.second + o, d, step, beta1, beta2, epsilon);
        }
        for (int r = 0; r < itemCount; r++) {
            int i = touchedItems[r];
            itemMark[i] = -1;
            rec_adam(bi + i, gbi + i, parameters.itemBias.first + i, parameters.itemBias.second + i, 1, step, beta1, beta2, epsilon);
            int64_t o = (int64_t)i * d;
            rec_adam(qi + o, gqi + o, parameters.itemFactors.first + o, parameters.itemFactors.second + o, d, step, beta1, beta2, epsilon);
        }
    }
}

/// The normalised predictions (bᵤ + bᵢ) + pᵤ·qᵢ of ratings k … k + 3 (four dot products at once).
static inline __attribute__((always_inline)) void rec_predict4(const float *userFactors, const float *itemFactors, const float *userBias,
                                                               const float *itemBias, int d, const int32_t *users, const int32_t *items,
                                                               int64_t k, float *out) {
    int u0 = users[k], u1 = users[k + 1], u2 = users[k + 2], u3 = users[k + 3];
    int i0 = items[k], i1 = items[k + 1], i2 = items[k + 2], i3 = items[k + 3];
    float dots[4];
    rec_dot4(userFactors + (int64_t)u0 * d, itemFactors + (int64_t)i0 * d, userFactors + (int64_t)u1 * d, itemFactors + (int64_t)i1 * d,
             userFactors + (int64_t)u2 * d, itemFactors + (int64_t)i2 * d, userFactors + (int64_t)u3 * d, itemFactors + (int64_t)i3 * d,
             d, dots);
    out[0] = (userBias[u0] + itemBias[i0]) + dots[0];
    out[1] = (userBias[u1] + itemBias[i1]) + dots[1];
    out[2] = (userBias[u2] + itemBias[i2]) + dots[2];
    out[3] = (userBias[u3] + itemBias[i3]) + dots[3];
}

/// The normalised prediction of rating k.
static inline __attribute__((always_inline)) float rec_predict(const float *userFactors, const float *itemFactors, const float *userBias,
                                                               const float *itemBias, int d, const int32_t *users, const int32_t *items,
                                                               int64_t k) {
    int u = users[k], i = items[k];
    return (userBias[u] + itemBias[i]) + rec_dot(userFactors + (int64_t)u * d, itemFactors + (int64_t)i * d, d);
}

REC_CLONES
double rec_mf_squared_error(const float *userFactors, const float *itemFactors, const float *userBias, const float *itemBias,
                            int factors, const int32_t *users, const int32_t *items, const float *ratings, int64_t n, float mean,
                            float scale) {
    double sum = 0.0;
    int64_t k = 0;
    for (; k + 4 <= n; k += 4) {
        float predictions[4];
        rec_predict4(userFactors, itemFactors, userBias, itemBias, factors, users, items, k, predictions);
        for (int j = 0; j < 4; j++) {
            double e = (double)ratings[k + j] - (double)(mean + scale * predictions[j]);
            sum += e * e;
        }
    }
    for (; k < n; k++) {
        double e = (double)ratings[k] - (double)(mean + scale * rec_predict(userFactors, itemFactors, userBias, itemBias, factors, users, items, k));
        sum += e * e;
    }
    return sum;
}

REC_CLONES
float rec_mf_squared_error_float(const float *userFactors, const float *itemFactors, const float *userBias, const float *itemBias,
                                 int factors, const int32_t *users, const int32_t *items, const float *targets, int64_t n) {
    float sum = 0.0f;
    int64_t k = 0;
    for (; k + 4 <= n; k += 4) {
        float predictions[4];
        rec_predict4(userFactors, itemFactors, userBias, itemBias, factors, users, items, k, predictions);
        for (int j = 0; j < 4; j++) {
            float e = targets[k + j] - predictions[j];
            sum += e * e;
        }
    }
    for (; k < n; k++) {
        float e = targets[k] - rec_predict(userFactors, itemFactors, userBias, itemBias, factors, users, items, k);
        sum += e * e;
    }
    return sum;
}

REC_CLONES
double rec_mf_squared_error_by_user(const float *userFactors, const float *itemFactors, const float *userBias, const float *itemBias,
                                    int factors, const int64_t *rowStart, int64_t userCount, const int32_t *items, const float *ratings,
                                    int64_t itemLimit, float mean, float scale) {
    const int d = factors;
    double sum = 0.0;
    for (int64_t u = 0; u < userCount; u++) {
        const float *p = userFactors + u * d;
        const float b = userBias[u];
        int64_t k = rowStart[u], end = rowStart[u + 1];
        while (k < end) {
            if (k + 4 <= end && items[k] < itemLimit && items[k + 1] < itemLimit && items[k + 2] < itemLimit && items[k + 3] < itemLimit) {
                int i0 = items[k], i1 = items[k + 1], i2 = items[k + 2], i3 = items[k + 3];
                float dots[4];
                rec_dot4(p, itemFactors + (int64_t)i0 * d, p, itemFactors + (int64_t)i1 * d, p, itemFactors + (int64_t)i2 * d, p,
                         itemFactors + (int64_t)i3 * d, d, dots);
                double e0 = (double)ratings[k] - (double)(mean + scale * ((b + itemBias[i0]) + dots[0]));
                double e1 = (double)ratings[k + 1] - (double)(mean + scale * ((b + itemBias[i1]) + dots[1]));
                double e2 = (double)ratings[k + 2] - (double)(mean + scale * ((b + itemBias[i2]) + dots[2]));
                double e3 = (double)ratings[k + 3] - (double)(mean + scale * ((b + itemBias[i3]) + dots[3]));
                sum += e0 * e0;
                sum += e1 * e1;
                sum += e2 * e2;
                sum += e3 * e3;
                k += 4;
            } else {
                int i = items[k];
                if (i < itemLimit) {
                    float prediction = (b + itemBias[i]) + rec_dot(p, itemFactors + (int64_t)i * d, d);
                    double e = (double)ratings[k] - (double)(mean + scale * prediction);
                    sum += e * e;
                }
                k += 1;
            }
        }
    }
    return sum;
}

/// 16 floats, element-wise operations only (one AVX-512 register, two AVX2 or four SSE ones).
typedef float rec_v16 __attribute__((vector_size(64), aligned(4)));

/// a[0 ..< 16] += s·b[0 ..< 16], element by element.
static inline __attribute__((always_inline)) void rec_axpy16(float *a, float s, const float *b) {
    rec_v16 x, y;
    memcpy(&x, a, sizeof x);
    memcpy(&y, b, sizeof y);
    x += s * y;
    memcpy(a, &x, sizeof x);
}

/// a[0 ..< 16] −= s·b[0 ..< 16], element by element.
static inline __attribute__((always_inline)) void rec_subtract16(float *a, float s, const float *b) {
    rec_v16 x, y;
    memcpy(&x, a, sizeof x);
    memcpy(&y, b, sizeof y);
    x -= s * y;
    memcpy(a, &x, sizeof x);
}

REC_CLONES
float rec_mf_posterior_trace(const float *other, const int32_t *neighbors, int n, int factors, float tau, float lambda,
                             float *scratch) {
    // Rows padded with zeros to a multiple of 16 (dp), so every vector loop runs over whole 16-lane blocks.
    const int d = factors, dp = (factors + 15) / 16 * 16;
    float *restrict a = scratch, *restrict l = scratch + dp * dp, *restrict x = scratch + 2 * dp * dp;
    float *restrict row = scratch + 3 * dp * dp, *restrict squares = row + dp, *restrict gathered = squares + dp;
    // The neighbours' rows, gathered and padded (n × dp).
    for (int m = 0; m < n; m++) {
        const float *source = other + (int64_t)neighbors[m] * d;
        float *target = gathered + (int64_t)m * dp;
        for (int g = 0; g < d; g++) target[g] = source[g];
        for (int g = d; g < dp; g++) target[g] = 0.0f;
    }
    // G = Σ_m x_m x_mᵀ, each entry summed over m in order: four rows at a time, the blocks up to
    // the diagonal, accumulated in registers; then the strict upper triangle mirrored from the lower
    // (x_f·x_g = x_g·x_f exactly).
    for (int f0 = 0; f0 < d; f0 += 4) {
        const int rows = d - f0 < 4 ? d - f0 : 4, blocks = (f0 + rows - 1) / 16 + 1;
        for (int block = 0; block < blocks; block++) {
            rec_v16 acc0 = {0}, acc1 = {0}, acc2 = {0}, acc3 = {0};
            const float *column = gathered + block * 16;
            for (int m = 0; m < n; m++) {
                const float *xm = gathered + (int64_t)m * dp;
                rec_v16 y;
                memcpy(&y, column + (int64_t)m * dp, sizeof y);
                acc0 += xm[f0] * y;
                if (rows > 1) acc1 += xm[f0 + 1] * y;
                if (rows > 2) acc2 += xm[f0 + 2] * y;
                if (rows > 3) acc3 += xm[f0 + 3] * y;
            }
            memcpy(a + f0 * dp + block * 16, &acc0, sizeof acc0);
            if (rows > 1) memcpy(a + (f0 + 1) * dp + block * 16, &acc1, sizeof acc1);
            if (rows > 2) memcpy(a + (f0 + 2) * dp + block * 16, &acc2, sizeof acc2);
            if (rows > 3) memcpy(a + (f0 + 3) * dp + block * 16, &acc3, sizeof acc3);
        }
    }
    for (int f = 0; f < d; f++) {
        for (int g = f + 1; g < d; g++) a[f * dp + g] = a[g * dp + f];
        for (int g = d; g < dp; g++) a[f * dp + g] = 0.0f;
    }
    // H = 2τ·G + 2λn·I.
    const float twoTau = 2.0f * tau, shift = (2.0f * lambda) * (float)n;
    for (int k = 0; k < d * dp; k++) a[k] *= twoTau;
    for (int f = 0; f < d; f++) a[f * dp + f] += shift;
    // Cholesky, right-looking on the full matrix: column j of L is row j of the updated A · (1/√a_jj),
    // stored as L_ij = l[i·dp + j]. The pivot row is zeroed left of j + 1 within its first block, so
    // block updates leave the entries left of the pivot unchanged.
    for (int k = 0; k < d * dp; k++) l[k] = 0.0f;
    for (int j = 0; j < d; j++) {
        const float root = __builtin_sqrtf(a[j * dp + j]), inverse = 1.0f / root;
        float *restrict pivot = a + j * dp;
        const int first = (j + 1) / 16 * 16;
        for (int g = first; g <= j; g++) pivot[g] = 0.0f;
        for (int g0 = first; g0 < dp; g0 += 16) {
            rec_v16 v;
            memcpy(&v, pivot + g0, sizeof v);
            v *= inverse;
            memcpy(pivot + g0, &v, sizeof v);
        }
        l[j * dp + j] = root;
        squares[j] = inverse;  // 1 / L_jj, for the inverse below
        for (int i = j + 1; i < d; i++) {
            float s = pivot[i];
            l[i * dp + j] = s;
            for (int g0 = first; g0 < dp; g0 += 16) rec_subtract16(a + i * dp + g0, s, pivot + g0);
        }
    }
    // X = L⁻¹ by rows: X_i = (e_i − Σ_{k<i} L_ik X_k) · (1/L_ii), X_k zero right of k. The sum runs in
    // four interleaved partial sums (k mod 4, combined as (s₀ + s₁) + (s₂ + s₃)) held in registers,
    // block by block; squares accumulates X_i ∘ X_i, summed in index order at the end.
    for (int k = 0; k < d * dp; k++) x[k] = 0.0f;
    for (int g = 0; g < d; g++) row[g] = squares[g];  // 1 / L_gg
    for (int g = 0; g < dp; g++) squares[g] = 0.0f;
    for (int i = 0; i < d; i++) {
        const float *li = l + i * dp;
        const float inverse = row[i];
        for (int g0 = 0; g0 <= i; g0 += 16) {
            rec_v16 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, y;
            int k = g0;  // X_k is zero in this block for k < g0
            for (; k + 4 <= i; k += 4) {
                memcpy(&y, x + k * dp + g0, sizeof y);
                s0 += li[k] * y;
                memcpy(&y, x + (k + 1) * dp + g0, sizeof y);
                s1 += li[k + 1] * y;
                memcpy(&y, x + (k + 2) * dp + g0, sizeof y);
                s2 += li[k + 2] * y;
                memcpy(&y, x + (k + 3) * dp + g0, sizeof y);
                s3 += li[k + 3] * y;
            }
            for (; k < i; k++) {
                memcpy(&y, x + k * dp + g0, sizeof y);
                s0 += li[k] * y;
            }
            rec_v16 value = {0}, sq;
            if (i >= g0 && i < g0 + 16) value[i - g0] = 1.0f;
            value = (value - ((s0 + s1) + (s2 + s3))) * inverse;
            memcpy(x + i * dp + g0, &value, sizeof value);
            memcpy(&sq, squares + g0, sizeof sq);
            sq += value * value;
            memcpy(squares + g0, &sq, sizeof sq);
        }
    }
    float trace = 0.0f;
    for (int g = 0; g < d; g++) trace += squares[g];
    return trace;
}
