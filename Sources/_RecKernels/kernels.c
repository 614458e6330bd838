#include "rec_kernels.h"
#include <string.h>

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define REC_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define REC_CLONES
#endif

#define LANES 16

/// RecCore's `VectorMath.exp` (Cephes polynomial, inputs clamped to [−87.3, 88.3]), same operations in the same order.
static inline __attribute__((always_inline)) float rec_exp(float input) {
    float x = input < -87.3f ? -87.3f : input;
    x = x > 88.3f ? 88.3f : x;
    const float magic = 12582912.0f;
    float shifted = x * 1.44269504088896341f + magic;
    float n = shifted - magic;
    float r = x - n * 0.693359375f + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    float y = p * r * r + r + 1.0f;
    int32_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    int32_t exponent = (int32_t)((uint32_t)(bits - 0x4B400000 + 127) << 23);
    float scale;
    memcpy(&scale, &exponent, sizeof scale);
    return y * scale;
}

REC_CLONES
void rec_gru_gates_row(const float *gi, const float *gh, const float *h, int hidden, float *out) {
    float r[1024], z[1024];
    for (int start = 0; start < hidden; start += 1024) {
        int count = hidden - start < 1024 ? hidden - start : 1024;
        const float *gir = gi + start, *giz = gi + hidden + start, *gin = gi + 2 * hidden + start;
        const float *ghr = gh + start, *ghz = gh + hidden + start, *ghn = gh + 2 * hidden + start;
        for (int j = 0; j < count; j++) {
            r[j] = 1.0f / (1.0f + rec_exp(-(gir[j] + ghr[j])));
            z[j] = 1.0f / (1.0f + rec_exp(-(giz[j] + ghz[j])));
        }
        for (int j = 0; j < count; j++) {
            float a = gin[j] + r[j] * ghn[j];
            float n = 2.0f / (1.0f + rec_exp(-2.0f * a)) - 1.0f;
            out[start + j] = (1.0f - z[j]) * n + z[j] * h[start + j];
        }
    }
}

/// Σ a_i b_i over 16 interleaved lanes, combined by a fixed pairwise tree.
static inline __attribute__((always_inline)) float rec_dot(const float *a, const float *b, int count) {
    float acc[LANES] = {0};
    int k = 0;
    for (; k + LANES <= count; k += LANES)
        for (int l = 0; l < LANES; l++) acc[l] += a[k + l] * b[k + l];
    for (int l = 0; k + l < count; l++) acc[l] += a[k + l] * b[k + l];
    for (int width = LANES / 2; width >= 1; width /= 2)
        for (int l = 0; l < width; l++) acc[l] = acc[l] + acc[l + width];
    return acc[0];
}

/// out = gram · v (gram symmetric F × F): Σ_j v_j · row j, elementwise.
static inline __attribute__((always_inline)) void rec_symmetric_times(const float *gram, const float *v, int f, float *out) {
    for (int i = 0; i < f; i++) out[i] = 0.0f;
    for (int j = 0; j < f; j++) {
        const float *row = gram + (long)j * f;
        float vj = v[j];
        for (int i = 0; i < f; i++) out[i] += vj * row[i];
    }
}

REC_CLONES
void rec_als_cg_row(float *x, const float *Y, const int32_t *columns, const float *confidence, int n, int f,
                    const float *gram, int steps, float *scratch) {
    float *r = scratch, *p = scratch + f, *ap = scratch + 2 * f;
    // r = Σ_k (c_k − w_k (y_k·x)) y_k − gram·x
    rec_symmetric_times(gram, x, f, ap);
    for (int d = 0; d < f; d++) r[d] = -ap[d];
    for (int k = 0; k < n; k++) {
        const float *y = Y + (long)columns[k] * f;
        float c = confidence[k];
        float t = c - (c - 1.0f) * rec_dot(y, x, f);
        for (int d = 0; d < f; d++) r[d] += t * y[d];
    }
    for (int d = 0; d < f; d++) p[d] = r[d];
    float rsOld = rec_dot(r, r, f);
    if (!(rsOld >= 1e-20f)) return;
    for (int step = 0; step < steps; step++) {
        rec_symmetric_times(gram, p, f, ap);
        for (int k = 0; k < n; k++) {
            const float *y = Y + (long)columns[k] * f;
            float t = (confidence[k] - 1.0f) * rec_dot(y, p, f);
            for (int d = 0; d < f; d++) ap[d] += t * y[d];
        }
        float alpha = rsOld / rec_dot(p, ap, f);
        for (int d = 0; d < f; d++) x[d] += alpha * p[d];
        for (int d = 0; d < f; d++) r[d] -= alpha * ap[d];
        float rsNew = rec_dot(r, r, f);
        if (rsNew < 1e-20f) break;
        float beta = rsNew / rsOld;
        for (int d = 0; d < f; d++) p[d] = r[d] + beta * p[d];
        rsOld = rsNew;
    }
}

REC_CLONES
void rec_adam_row(float *theta, float *gradient, float *first, float *second, int count, float step, float beta1, float beta2,
                  float epsilon) {
    for (int k = 0; k < count; k++) {
        float g = gradient[k];
        first[k] = beta1 * first[k] + (1.0f - beta1) * g;
        second[k] = beta2 * second[k] + (1.0f - beta2) * g * g;
        theta[k] -= step * first[k] / (__builtin_sqrtf(second[k]) + epsilon);
        gradient[k] = 0.0f;
    }
}

REC_CLONES
void rec_gram_accumulate(float *h, const float *rows, const int32_t *indices, int n, int d) {
    for (int k = 0; k < n; k++) {
        const float *x = rows + (long)indices[k] * d;
        for (int f = 0; f < d; f++) {
            float xf = x[f];
            float *row = h + (long)f * d;
            for (int g = 0; g < d; g++) row[g] += xf * x[g];
        }
    }
}
