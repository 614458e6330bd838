#include "rec_kernels.h"
#include <string.h>

#pragma clang fp contract(off)

#include "rec_clones.h"
#include "rec_adam.h"

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

REC_CLONES
void rec_adam_row(float *theta, float *gradient, float *first, float *second, int count, float step, float beta1, float beta2,
                  float epsilon) {
    rec_adam(theta, gradient, first, second, count, step, beta1, beta2, epsilon);
}
